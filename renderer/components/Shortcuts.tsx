/** Every keyboard shortcut, in one list: the key handler, the tooltips and the shortcuts sheet read it. */
export interface Shortcut {
  keys: string;
  action: string;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: 'Ctrl+Z', action: 'Undo' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', action: 'Redo' },
  { keys: 'Ctrl+X / Ctrl+C / Ctrl+V', action: 'Cut, copy, paste the selected nodes' },
  { keys: 'Ctrl+D', action: 'Duplicate the selected nodes' },
  { keys: 'Delete or Backspace', action: 'Delete the selection' },
  { keys: 'Ctrl+A', action: 'Select every node' },
  { keys: 'Escape', action: 'Clear the selection' },
  { keys: 'Tab', action: 'Move between nodes (the focused node is selected)' },
  { keys: '/', action: 'Add a node after the selection: type its name, Enter' },
  { keys: 'Ctrl+Shift+L', action: 'Arrange the graph automatically' },
  { keys: 'F', action: 'Zoom to fit' },
  { keys: 'Ctrl+O / Ctrl+S', action: 'Open, save' },
  { keys: '?', action: 'This list' },
  { keys: 'Shift+drag', action: 'Select with a box' },
];

export function ShortcutsSheet({ onClose }: { onClose(): void }) {
  return (
    <div className="sheet" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={onClose}>
      <div className="sheet__body" onClick={(e) => e.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <th scope="row"><kbd>{s.keys}</kbd></th>
                <td>{s.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" autoFocus onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
