/**
 * The command palette (Ctrl/Cmd+Shift+P or F1): fuzzy search over every
 * command of the registry, each with its place in the menus and its shortcut,
 * disabled ones shown as such; templates are offered one by one. Built on
 * cmdk (filtering, ranking, keyboard navigation) inside the app's own modal
 * sheet, so it looks and closes like the other dialogs.
 */
import { Command } from 'cmdk';
import { menuPath } from '../../app/shared/commands';
import { TEMPLATES } from '../templates';
import type { CommandRegistry, RegisteredCommand } from './registry';

interface Entry {
  key: string;
  label: string;
  detail?: string | undefined;
  shortcut?: string | undefined;
  checked?: boolean | undefined;
  enabled: boolean;
  run(): void;
}

/** What the palette offers: every command a user can run here, templates one by one. */
export function paletteEntries(registry: CommandRegistry, desktop: boolean): Entry[] {
  const entry = (command: RegisteredCommand): Entry => ({
    key: command.id,
    label: command.label,
    detail: menuPath(command),
    shortcut: registry.shortcutsOf(command).join(' or ') || undefined,
    checked: command.handler.checked?.(),
    enabled: registry.isEnabled(command.id),
    run: () => registry.run(command.id),
  });
  return registry.offered(desktop).flatMap((command): Entry[] => {
    if (command.id === 'new-from-template') {
      return TEMPLATES.map((t) => ({ key: `${command.id}:${t.file}`, label: `New from Template: ${t.document.name}`, detail: 'File › New from Template', enabled: registry.isEnabled(command.id), run: () => registry.run(command.id, t.file) }));
    }
    if (command.takesArgument || command.id === 'palette') return [];
    return [entry(command)];
  });
}

export function CommandPalette({ registry, desktop, onClose }: { registry: CommandRegistry; desktop: boolean; onClose(): void }) {
  const entries = paletteEntries(registry, desktop);
  return (
    <div className="sheet sheet--top" role="dialog" aria-modal="true" aria-label="Command palette" onClick={onClose}>
      <div className="palette-dialog" onClick={(e) => e.stopPropagation()}>
        <Command label="Commands" loop onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          }
        }}>
          <Command.Input autoFocus placeholder="Type a command…" aria-label="Search the commands" data-testid="command-palette-input" />
          <Command.List className="palette-dialog__list" data-testid="command-palette-list">
            <Command.Empty>No command matches.</Command.Empty>
            {entries.map((e) => (
              <Command.Item
                key={e.key}
                value={e.key}
                keywords={[e.label, e.detail ?? '']}
                disabled={!e.enabled}
                data-testid={`command-palette-item-${e.key}`}
                onSelect={() => {
                  onClose();
                  // After the palette has closed and given the focus back, so edit commands act on the graph.
                  window.setTimeout(e.run, 0);
                }}
              >
                <span className="palette-dialog__label">{e.checked ? '✓ ' : ''}{e.label}</span>
                {e.detail && <span className="palette-dialog__detail">{e.detail}</span>}
                {e.shortcut && <kbd>{e.shortcut}</kbd>}
              </Command.Item>
            ))}
          </Command.List>
        </Command>
      </div>
    </div>
  );
}
