/**
 * The line under a field that says what is wrong with it: an error (a refused
 * entry, or a value the shapes cannot take) is an alert and marks the field
 * invalid; a warning (a stride that skips pixels) only explains.
 */
import type { FieldProblem } from './values';

export function FieldNote({ id, note }: { id?: string | undefined; note: FieldProblem | undefined }) {
  if (!note) return null;
  return note.severity === 'error' ? (
    <p id={id} className="inspect__error" role="alert">
      {note.message}
    </p>
  ) : (
    <p id={id} className="inspect__warning">
      {note.message}
    </p>
  );
}

/** A refusal (the field's own) or the analysis's problem, the refusal first. */
export function noteOf(refusal: string | undefined, problem: FieldProblem | undefined): FieldProblem | undefined {
  return refusal ? { message: refusal, severity: 'error' } : problem;
}
