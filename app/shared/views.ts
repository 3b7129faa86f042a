/**
 * The workspace's views, declared once: id, title, and the dock a view opens
 * in. Plain data, so the desktop menu (View > each view) and the renderer's
 * view registry (which adds what each view draws) read the same list, and a
 * toggle command exists for every view without anyone keeping a second list.
 */
export type Dock = 'right' | 'bottom';

export const VIEWS = [
  { id: 'inspector', title: 'Inspector', dock: 'right' },
  { id: 'train', title: 'Train', dock: 'right' },
  { id: 'activations', title: 'Activations', dock: 'right' },
  { id: 'learn', title: 'Learn', dock: 'right' },
  { id: 'charts', title: 'Charts', dock: 'bottom' },
  { id: 'evaluate', title: 'Evaluate', dock: 'bottom' },
  { id: 'draw', title: 'Draw', dock: 'bottom' },
] as const satisfies readonly { id: string; title: string; dock: Dock }[];

export type ViewId = (typeof VIEWS)[number]['id'];
