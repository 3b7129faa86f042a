/**
 * A modal sheet over the workspace (shortcuts, the lecture's concepts, About,
 * the welcome view): a labelled dialog that takes the focus, closes on Esc,
 * on its Close button and on a click outside, and gives the focus back.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function Sheet({ title, onClose, children, wide = false }: { title: string; onClose(): void; children: ReactNode; wide?: boolean }) {
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    body.current?.querySelector<HTMLElement>('button, [href], input, select')?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <div className="sheet" role="dialog" aria-modal="true" aria-label={title} onClick={onClose}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }}>
      <div className={wide ? 'sheet__body sheet__body--wide' : 'sheet__body'} ref={body} onClick={(e) => e.stopPropagation()}>
        <header className="sheet__header">
          <h2>{title}</h2>
          <button type="button" onClick={onClose} data-testid="sheet-close">Close</button>
        </header>
        {children}
      </div>
    </div>
  );
}
