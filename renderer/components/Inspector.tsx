/**
 * The selected node's parameters, validated as you type (a value that does
 * not parse is shown with its message and not applied), and for convolution
 * and pooling the output-size arithmetic with the user's own numbers.
 */
import { useEffect, useState } from 'react';
import { explainAxis, NodeSchema, type GraphNode, type LayerInfo, type Problem } from '../../engine';
import { resolvePool } from '../../engine/shapes/params';
import { DEFAULT_PARAMS } from '../graph/edits';

type Params = Record<string, unknown>;

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

/** Reads what was typed into the value a parameter holds, or says why it cannot. */
export function parseField(key: string, text: string, current: unknown): Parsed {
  const trimmed = text.trim();
  if (key === 'padding' && ['valid', 'same', 'full'].includes(trimmed)) return { ok: true, value: trimmed };
  const numbers = trimmed.split(/[\s,×x]+/).filter(Boolean).map(Number);
  if (numbers.length === 0 || numbers.some((n) => !Number.isFinite(n))) {
    return { ok: false, message: key === 'padding' ? 'padding is valid, same, full, or four numbers: top, bottom, left, right' : `"${text}" is not a number` };
  }
  if (key === 'padding') return numbers.length === 4 ? { ok: true, value: numbers } : { ok: false, message: 'explicit padding is four numbers: top, bottom, left, right' };
  if (Array.isArray(current)) return { ok: true, value: numbers.length === 1 && current.length === 2 ? [numbers[0], numbers[0]] : numbers };
  return numbers.length === 1 ? { ok: true, value: numbers[0] } : { ok: false, message: 'one number expected' };
}

/** The values the engine takes for parameters a document leaves out, where they differ from a new node's. */
function resolvedDefaults(node: GraphNode): Params {
  if (node.type !== 'maxPool2d' && node.type !== 'avgPool2d') return {};
  const pool = resolvePool(node);
  return { poolSize: [...pool.window], strides: [...pool.strides], padding: pool.padding };
}

const show = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));

/** `onChange` applies a value, or returns why the node cannot take it. */
function Field({ nodeId, name, value, problem, onChange }: { nodeId: string; name: string; value: unknown; problem?: string; onChange(value: unknown): string | undefined }) {
  const [text, setText] = useState(show(value));
  const [error, setError] = useState<string>();
  // Follow outside changes (undo, another node), but not the echo of what is being typed:
  // "5" applied as [5, 5] must not rewrite the field to "5, 5" under the cursor.
  useEffect(() => {
    setText((typed) => {
      const parsed = parseField(name, typed, value);
      return parsed.ok && show(parsed.value) === show(value) ? typed : show(value);
    });
    setError(undefined);
  }, [nodeId, name, value]);
  const id = `field-${nodeId}-${name}`;
  if (typeof value === 'boolean') {
    return (
      <label className="inspector__field inspector__field--check">
        <input id={id} type="checkbox" checked={value} onChange={(e) => void onChange(e.target.checked)} /> {name}
      </label>
    );
  }
  return (
    <div className="inspector__field">
      <label htmlFor={id}>{name}</label>
      <input
        id={id}
        data-testid={id}
        value={text}
        aria-invalid={error || problem ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseField(name, e.target.value, value);
          const refused = parsed.ok ? onChange(parsed.value) : parsed.message;
          setError(refused);
        }}
      />
      {(error ?? problem) && <p className="inspector__error" role="alert">{error ?? problem}</p>}
    </div>
  );
}

export function Inspector({ node, info, problems, onParams }: { node?: GraphNode; info?: LayerInfo; problems: Problem[]; onParams(id: string, params: Params): void }) {
  if (!node) return <aside className="inspector" aria-label="Inspector"><p className="inspector__empty">Select a node to see and edit its parameters.</p></aside>;
  const own: Params = (node as { params?: Params }).params ?? {};
  // Every parameter the type has, showing what the engine will use for the ones the document leaves out.
  const params: Params = { ...(DEFAULT_PARAMS[node.type] ?? {}), ...resolvedDefaults(node), ...own };
  const problemAt = (key: string) => problems.find((p) => p.path.includes('params') && (p.path.includes(key) || p.path.at(-1) === 'params'))?.message;
  return (
    <aside className="inspector" aria-label="Inspector">
      <h2>{node.id} <span className="inspector__type">{node.type}</span></h2>
      {Object.keys(params).length === 0 && <p>No parameters.</p>}
      {Object.entries(params).map(([key, value]) => (
        <Field
          key={key}
          nodeId={node.id}
          name={key}
          value={value}
          problem={problemAt(key)}
          onChange={(v) => {
            // Only the edited parameter is written; the schema decides what a node may hold.
            const next = { ...own, [key]: v };
            const checked = NodeSchema.safeParse({ ...node, params: next });
            if (!checked.success) return checked.error.issues[0]?.message.replace(/^Too small: expected number to be >=?/, 'at least ') ?? 'not allowed here';
            onParams(node.id, next);
            return undefined;
          }}
        />
      ))}
      {info?.window && (
        <section className="inspector__arithmetic" aria-label="Output size arithmetic">
          <h3>Output size</h3>
          <p data-testid="arithmetic-rows">rows: {explainAxis(info.window.rows)}</p>
          <p data-testid="arithmetic-cols">columns: {explainAxis(info.window.cols)}</p>
        </section>
      )}
      {problems.length > 0 && (
        <ul className="inspector__problems">
          {problems.map((p, i) => <li key={i} className={`problem problem--${p.severity}`}>{p.message}</li>)}
        </ul>
      )}
    </aside>
  );
}
