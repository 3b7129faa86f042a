/**
 * What the inspector explains besides the fields: the output-size arithmetic
 * of a convolution or pooling window with the student's own numbers, and the
 * node's problems (errors and warnings) as the analysis words them.
 */
import { explainAxis, type Problem, type WindowPlan } from '../../engine';

export function Arithmetic({ plan }: { plan: WindowPlan }) {
  return (
    <section className="inspect__arithmetic" aria-label="Output size arithmetic">
      <h3>Output size</h3>
      <p data-testid="arithmetic-rows">rows: {explainAxis(plan.rows)}</p>
      <p data-testid="arithmetic-cols">columns: {explainAxis(plan.cols)}</p>
    </section>
  );
}

export function ProblemList({ problems }: { problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="inspect__problems" aria-label="Problems">
      {problems.map((p, i) => (
        <li key={i} className={`problem problem--${p.severity}`}>
          {p.message}
        </li>
      ))}
    </ul>
  );
}
