/**
 * Help > Keyboard Shortcuts: every shortcut of the command registry, as this
 * platform writes it, read from the registry itself (so the sheet cannot
 * list a key that does nothing, or miss one). React Flow's own canvas
 * gestures follow in a second table.
 */
import { Sheet } from '../workspace/Sheet';
import type { CommandRegistry } from './registry';

const CANVAS_GESTURES = [
  { keys: 'Tab', action: 'Move between nodes (the focused node is selected)' },
  { keys: 'Arrow keys', action: 'Move the selected nodes' },
  { keys: 'Shift+drag', action: 'Select with a box' },
];

export function ShortcutsSheet({ registry, desktop, onClose }: { registry: CommandRegistry; desktop: boolean; onClose(): void }) {
  const rows = registry.offered(desktop).filter((c) => registry.shortcutsOf(c).length > 0);
  return (
    <Sheet title="Keyboard shortcuts" onClose={onClose}>
      <table data-testid="shortcuts">
        <tbody>
          {rows.map((c) => (
            <tr key={c.id} data-command={c.id}>
              <th scope="row">{registry.shortcutsOf(c).map((k, i) => <span key={k}>{i > 0 ? ' or ' : ''}<kbd>{k}</kbd></span>)}</th>
              <td>{c.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>On the canvas</h3>
      <table>
        <tbody>
          {CANVAS_GESTURES.map((g) => (
            <tr key={g.keys}><th scope="row"><kbd>{g.keys}</kbd></th><td>{g.action}</td></tr>
          ))}
        </tbody>
      </table>
    </Sheet>
  );
}
