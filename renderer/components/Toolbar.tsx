/**
 * The toolbar: buttons for the commands used most, each labelled and
 * titled from the command registry (so a tooltip shows the same shortcut as
 * the menu), New from template, and a quick-add field for node types.
 */
import { useEffect, useRef, useState } from 'react';
import type { CommandId } from '../../app/shared/commands';
import { NODE_TYPES } from '../../engine';
import type { CommandRegistry } from '../commands/registry';
import { TEMPLATES } from '../templates';

const BUTTONS: readonly (CommandId | '|')[] = ['new', 'open', 'save', '|', 'undo', 'redo', '|', 'fit', 'arrange', '|', 'present', 'palette', 'help-shortcuts'];
/** Shorter words where the menu's label is long. */
const SHORT: Partial<Record<CommandId, string>> = { 'help-shortcuts': 'Shortcuts', palette: 'Commands…', present: 'Present', fit: 'Fit', arrange: 'Arrange' };

export function Toolbar({ registry }: { registry: CommandRegistry }) {
  const [query, setQuery] = useState('');
  const quickAdd = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const { bound } = registry.context;
    const focus = () => quickAdd.current?.focus();
    bound.focusQuickAdd = focus;
    return () => {
      if (bound.focusQuickAdd === focus) bound.focusQuickAdd = undefined;
    };
  }, [registry]);
  return (
    <header className="toolbar" role="toolbar" aria-label="Editor">
      <strong className="toolbar__brand"><img src="icon.png" alt="" width={22} height={22} /> ConvStudio</strong>
      {BUTTONS.map((id, i) => {
        if (id === '|') return <span key={i} className="toolbar__gap" aria-hidden="true" />;
        const command = registry.get(id);
        const keys = registry.shortcutsOf(command);
        return (
          <button key={id} type="button" data-testid={`command-${id}`} title={keys.length > 0 ? `${command.label} (${keys.join(' or ')})` : command.label} onClick={() => registry.run(id)}>
            {SHORT[id] ?? command.label}
          </button>
        );
      })}
      <select aria-label="New from template" data-testid="template" value="" onChange={(e) => registry.run('new-from-template', e.target.value)}>
          <option value="" disabled>New from template…</option>
          {TEMPLATES.map((t) => <option key={t.file} value={t.file}>{t.document.name}</option>)}
        </select>
      <form
        className="toolbar__quick-add"
        onSubmit={(e) => {
          e.preventDefault();
          const typed = query.trim().toLowerCase();
          const type = NODE_TYPES.find((t) => t.toLowerCase() === typed) ?? NODE_TYPES.find((t) => t.toLowerCase().startsWith(typed));
          if (type && typed) {
            registry.context.bound.graph?.add(type);
            setQuery('');
          }
        }}
      >
        <input ref={quickAdd} aria-label="Add a node after the selection (type its name, Enter)" placeholder="Add node… (type, Enter)" list="node-types" value={query} data-testid="quick-add" onChange={(e) => setQuery(e.target.value)} />
        <datalist id="node-types">{NODE_TYPES.map((t) => <option key={t} value={t} />)}</datalist>
      </form>
    </header>
  );
}
