/**
 * The window's size and position, remembered between runs. A saved position
 * that no longer lies on any screen (a monitor was unplugged) is dropped so
 * the window never opens out of reach.
 */
import { z } from 'zod';
import { readJsonStore, writeJsonStore } from './jsonStore';

const WindowStateFile = z.object({
  version: z.literal(1),
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(100_000),
  height: z.number().int().min(150).max(100_000),
  maximized: z.boolean(),
});
export type WindowState = Omit<z.infer<typeof WindowStateFile>, 'version'>;

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 };

/** The bounds to open with: the saved ones when their title bar is on a screen, else the default size (the OS centres it). */
export function restoreWindowState(saved: WindowState | undefined, workAreas: readonly Rectangle[]): Partial<WindowState> & { width: number; height: number } {
  if (!saved) return { ...DEFAULT_WINDOW_SIZE, maximized: false };
  const titleBar = { x: saved.x, y: saved.y, width: saved.width, height: 32 };
  const visible = workAreas.some((area) => overlapArea(titleBar, area) >= Math.min(100 * 32, titleBar.width * titleBar.height) / 2);
  return visible ? saved : { width: Math.min(saved.width, DEFAULT_WINDOW_SIZE.width), height: Math.min(saved.height, DEFAULT_WINDOW_SIZE.height), maximized: saved.maximized };
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

export function readWindowState(path: string): WindowState | undefined {
  const read = readJsonStore(path, WindowStateFile);
  if (!read.ok) return undefined;
  const { version: _version, ...state } = read.value;
  return state;
}

export function writeWindowState(path: string, state: WindowState): void {
  writeJsonStore(path, { version: 1, ...state });
}
