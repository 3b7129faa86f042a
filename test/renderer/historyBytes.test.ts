/**
 * Undo keeps at most HISTORY_BYTES of large parts (a network's weights),
 * counting a part shared by several steps once: a hundred training runs do
 * not keep a hundred networks, and a hundred edits of one trained network
 * keep all their steps.
 */
import { describe, expect, it } from 'vitest';
import { emptyHistory, HISTORY_BYTES, HISTORY_LIMIT, record, undo, type History, type LargeParts } from '../../renderer/store/history';

interface Doc {
  edit: number;
  weights: { bytes: number };
}
const parts: LargeParts<Doc> = (doc) => [[doc.weights, doc.weights.bytes]];

describe('undo history with large parts', () => {
  it('drops the oldest steps once their distinct weights pass the budget', () => {
    let history: History<Doc> = emptyHistory();
    const megabytes = 10;
    for (let run = 0; run < 100; run++) history = record(history, { edit: run, weights: { bytes: megabytes * 2 ** 20 } }, undefined, parts);
    const kept = Math.floor(HISTORY_BYTES / (megabytes * 2 ** 20));
    expect(history.past).toHaveLength(kept);
    expect(history.past.at(-1)?.edit).toBe(99); // the newest steps stay, so undo goes back to the last runs
    expect(history.past[0]?.edit).toBe(100 - kept);
  });

  it('counts weights shared by many steps once', () => {
    let history: History<Doc> = emptyHistory();
    const trained = { bytes: HISTORY_BYTES / 2 };
    for (let edit = 0; edit < 700; edit++) history = record(history, { edit, weights: trained }, undefined, parts);
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(undo(history, { edit: 700, weights: trained })?.value.edit).toBe(699);
  });

  it('keeps the last step even when it alone is over the budget', () => {
    const history = record(emptyHistory<Doc>(), { edit: 0, weights: { bytes: 2 * HISTORY_BYTES } }, undefined, parts);
    expect(history.past).toHaveLength(1);
  });
});
