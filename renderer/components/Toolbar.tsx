/** New from a template, open, save, undo, redo, fit, and a keyboard quick-add. */
import { useState } from 'react';
import { NODE_TYPES, type NodeType } from '../../engine';
import type { AppCommand, PlatformBridge } from '../platform/bridge';
import type { DocumentStore } from '../store/documentStore';
import type { Template } from '../templates';

/** Asks before replacing a document with unsaved changes. */
export function confirmDiscard(store: DocumentStore): boolean {
  return !store.isDirty() || window.confirm('The open graph has unsaved changes. Discard them?');
}

export async function openWithBridge(store: DocumentStore, bridge: PlatformBridge): Promise<void> {
  if (!confirmDiscard(store)) return;
  try {
    const file = await bridge.openDocument();
    if (file) store.open(file.text, file.name, { handle: file.handle });
  } catch (error) {
    store.notify({ kind: 'error', text: `Not opened: ${(error as Error).message} Your graph is unchanged.` });
  }
}

/** Saves (or, with `as`, asks for a new name first); returns whether the document is now saved. */
export async function saveWithBridge(store: DocumentStore, bridge: PlatformBridge, as = false): Promise<boolean> {
  const { document, fileName, fileHandle } = store.getState();
  const text = `${JSON.stringify(document, null, 2)}\n`;
  try {
    const saved = as ? await bridge.saveDocumentAs(fileName, text) : await bridge.saveDocument(fileName, text, fileHandle);
    if (!saved) return false;
    store.markSaved(saved.name, document, saved.handle);
    return true;
  } catch (error) {
    store.notify({ kind: 'error', text: `Not saved: ${(error as Error).message}` });
    return false;
  }
}

export function Toolbar(props: { store: DocumentStore; bridge: PlatformBridge; templates: Template[]; onAddType(type: NodeType): void; onFit(): void; onArrange(): void; onShortcuts(): void; onCommand(command: AppCommand): void }) {
  const { store, bridge, templates, onAddType, onFit, onArrange, onShortcuts, onCommand } = props;
  const [query, setQuery] = useState('');
  return (
    <header className="toolbar" role="toolbar" aria-label="Editor">
      <strong className="toolbar__brand">ConvStudio</strong>
      <button type="button" title="A new, empty graph (Ctrl+N in the desktop app)" data-testid="new-empty" onClick={() => onCommand({ command: 'new' })}>New</button>
      <label>
        New from template{' '}
        <select
          aria-label="New from template"
          data-testid="template"
          value=""
          onChange={(e) => onCommand({ command: 'new-from-template', template: e.target.value })}
        >
          <option value="" disabled>choose…</option>
          {templates.map((t) => <option key={t.file} value={t.file}>{t.document.name}</option>)}
        </select>
      </label>
      <button type="button" title="Open a graph document (Ctrl+O)" onClick={() => void openWithBridge(store, bridge)}>Open…</button>
      <button type="button" title="Save the graph document (Ctrl+S)" data-testid="save" onClick={() => void saveWithBridge(store, bridge)}>Save</button>
      <button type="button" title="Save under another name (Ctrl+Shift+S)" data-testid="save-as" onClick={() => void saveWithBridge(store, bridge, true)}>Save As…</button>
      <button type="button" title="Export the layer table (shapes, parameters, costs) as Markdown" data-testid="export" onClick={() => onCommand({ command: 'export' })}>Export…</button>
      <button type="button" title="Undo (Ctrl+Z)" onClick={() => store.undo()}>Undo</button>
      <button type="button" title="Redo (Ctrl+Shift+Z)" onClick={() => store.redo()}>Redo</button>
      <button type="button" title="Zoom to fit (F)" onClick={onFit}>Fit</button>
      <button type="button" title="Arrange the graph automatically (Ctrl+Shift+L)" data-testid="arrange" onClick={onArrange}>Arrange</button>
      <button type="button" title="Keyboard shortcuts (?)" onClick={onShortcuts}>Shortcuts</button>
      <button type="button" title="Where each idea of the CNN lecture is in the app" data-testid="help-concepts" onClick={() => onCommand({ command: 'help-concepts' })}>Concepts</button>
      <form
        className="toolbar__quick-add"
        onSubmit={(e) => {
          e.preventDefault();
          const type = NODE_TYPES.find((t) => t.toLowerCase() === query.trim().toLowerCase()) ?? NODE_TYPES.find((t) => t.toLowerCase().startsWith(query.trim().toLowerCase()));
          if (type && query.trim()) {
            onAddType(type);
            setQuery('');
          }
        }}
      >
        <input aria-label="Add a node after the selection (type its name, Enter)" placeholder="Add node… (type, Enter)" list="node-types" value={query} data-testid="quick-add" onChange={(e) => setQuery(e.target.value)} />
        <datalist id="node-types">{NODE_TYPES.map((t) => <option key={t} value={t} />)}</datalist>
      </form>
    </header>
  );
}
