/**
 * A lesson's options: declared once (name, what it means, its default),
 * parsed from text the same way for `convstudio lesson NAME --OPTION VALUE`
 * and for a view's fields, and refused with a message that names the option.
 */
import type { Padding } from '../graph/schema';

export interface LessonOption {
  name: string;
  help: string;
  /** As text, the way a user would type it. */
  default: string;
  /** The only values it takes, when it is a choice. */
  choices?: readonly string[];
}

export class LessonOptionError extends Error {
  constructor(readonly option: string, message: string) {
    super(`--${option}: ${message}`);
  }
}

export function parseChoice<T extends string>(option: string, text: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new LessonOptionError(option, `expected ${choices.join(', ')}, not "${text}"`);
}

export function parseInteger(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || value < min || value > max) throw new LessonOptionError(option, `expected a whole number from ${min} to ${max}, not "${text}"`);
  return value;
}

export function parseNumber(option: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new LessonOptionError(option, `expected a number, not "${text}"`);
  return value;
}

/** Two whole numbers, "2x1", "2×1" or "2,1" (rows, columns); one number means both. */
export function parsePair(option: string, text: string, min: number, max: number): [number, number] {
  const parts = text.split(/[x×,]/).map((p) => p.trim());
  if (parts.length === 1) parts.push(parts[0]!);
  if (parts.length !== 2) throw new LessonOptionError(option, `expected two whole numbers such as 3x3, not "${text}"`);
  const [a, b] = parts.map((p) => parseInteger(option, p, min, max)) as [number, number];
  return [a, b];
}

export const PADDING_CHOICES = ['valid', 'same', 'full'] as const;

export function parsePadding(option: string, text: string): Padding {
  return parseChoice(option, text, PADDING_CHOICES);
}
