/** The message for the user, above the workspace: a refused connection, a failed open (with its problems), a saved file. */
import type { EditorState } from '../store/documentStore';

export function Notice({ notice, onDismiss }: { notice: NonNullable<EditorState['notice']>; onDismiss(): void }) {
  return (
    <div className={`notice notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <span>{notice.text}</span>
      {notice.details && (
        <ul>{notice.details.slice(0, 8).map((p, i) => <li key={i}>{p.line !== undefined ? `line ${p.line}: ` : ''}{p.nodeId ? `${p.nodeId}: ` : ''}{p.message}</li>)}</ul>
      )}
      <button type="button" aria-label="Dismiss the message" onClick={onDismiss}>×</button>
    </div>
  );
}
