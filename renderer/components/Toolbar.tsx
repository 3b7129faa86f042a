/** New from a template, open, save, undo, redo, fit, and a keyboard quick-add: buttons for the editor's commands. */
import { useState } from 'react';
import { NODE_TYPES, type NodeType } from '../../engine';
import type { AppCommand } from '../platform/bridge';
import type { DocumentStore } from '../store/documentStore';
import type { Template } from '../templates';

export function Toolbar(props: { store: DocumentStore; templates: Template[]; onAddType(type: NodeType): void; onFit(): void; onArrange(): void; onShortcuts(): void; onCommand(command: AppCommand): void }) {
  const { store, templates, onAddType, onFit, onArrange, onShortcuts, onCommand } = props;
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
      <button type="button" title="Open a graph document (Ctrl+O)" onClick={() => onCommand({ command: 'open' })}>Open…</button>
      <button type="button" title="Save the graph document (Ctrl+S)" data-testid="save" onClick={() => onCommand({ command: 'save' })}>Save</button>
      <button type="button" title="Save under another name (Ctrl+Shift+S)" data-testid="save-as" onClick={() => onCommand({ command: 'save-as' })}>Save As…</button>
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
