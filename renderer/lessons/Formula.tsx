/** A formula typeset by KaTeX, in the lecture's notation, with the student's own numbers in it. */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';

export function Formula({ tex, display = true, testId }: { tex: string; display?: boolean; testId?: string }) {
  // KaTeX builds the markup from the TeX alone (no user HTML passes through), and reports a bad formula
  // in place rather than throwing.
  const html = useMemo(() => katex.renderToString(tex, { displayMode: display, throwOnError: false, trust: false, output: 'htmlAndMathml' }), [tex, display]);
  // A display formula scrolls sideways when the panel is narrow: focusable, so the keyboard can scroll it too.
  return <span className={display ? 'formula formula--display' : 'formula'} tabIndex={display ? 0 : undefined} data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A number as TeX: thousands grouped with thin spaces, at most `digits` decimals, a true minus sign. */
export function texNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toFixed(digits));
  const text = Math.abs(rounded).toLocaleString('en-US', { maximumFractionDigits: digits }).replace(/,/g, '{,}');
  return rounded < 0 ? `-${text}` : text;
}
