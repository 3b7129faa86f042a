/**
 * Totals for the whole network, the training run's progress line (in sight
 * whichever views are open), and every problem, each a button that selects
 * its node.
 */
import type { GraphAnalysis, Problem } from '../../engine';
import { ProgressLine } from '../training/ProgressLine';
import type { TrainingClient } from '../training/trainingClient';

const number = (n: number) => n.toLocaleString('en-US');

export function StatusBar({ analysis, dirty, fileName, locked, training, onSelect }: { analysis: GraphAnalysis; dirty: boolean; fileName: string; locked?: string | undefined; training: TrainingClient; onSelect(id: string): void }) {
  let params = 0;
  let flops = 0;
  for (const info of analysis.infoOf.values()) {
    params += info.params;
    flops += info.flops;
  }
  const errors = analysis.problems.filter((p) => p.severity === 'error');
  const warnings = analysis.problems.filter((p) => p.severity === 'warning');
  return (
    <footer className="status-bar">
      <div className="status-bar__totals" role="status">
        <span>{fileName}{dirty ? ' •' : ''}</span>
        <span data-testid="total-params">{number(params)} parameters</span>
        <span>{number(flops)} multiplies+adds per sample</span>
        <span className={errors.length > 0 ? 'status-bar__errors' : ''}>{errors.length} error{errors.length === 1 ? '' : 's'}</span>
        <span>{warnings.length} warning{warnings.length === 1 ? '' : 's'}</span>
        {locked && <span className="status-bar__locked" data-testid="locked" title={locked}>Locked: {locked}</span>}
        <ProgressLine client={training} compact />
      </div>
      {analysis.problems.length > 0 && (
        <ul className="problems" aria-label="Problems">
          {analysis.problems.map((p: Problem, i) => (
            <li key={i} className={`problem problem--${p.severity}`}>
              <button type="button" disabled={p.nodeId === undefined} onClick={() => p.nodeId && onSelect(p.nodeId)}>
                {p.nodeId ? `${p.nodeId}: ` : ''}{p.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </footer>
  );
}
