/**
 * The input and label files of `forward` and `gradients`:
 *   X.json  { "shape": [N, C, H, W], "data": [...] }   (data may also be base64 float32)
 *   Y.json  { "labels": [int, ...] }
 * Every mistake is reported with the file and the field, never a stack trace.
 */
import { decodeTensorData } from '../engine';
import { CliError, readJsonFile } from './io';

export interface InputTensor {
  shape: number[];
  data: Float32Array;
}

export function readInputTensor(file: string, sampleShape: readonly number[], inputId: string): InputTensor {
  const value = readJsonFile(file) as { shape?: unknown; data?: unknown } | null;
  const fail = (field: string, message: string) => new CliError(`${file}: at ${field}: ${message}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('(document)', 'expected an object { "shape": [N, ...], "data": [...] }');
  const { shape, data } = value;
  const expected = `[N, ${sampleShape.join(', ')}]`;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 1)) {
    throw fail('shape', `expected ${expected}, a list of whole numbers of at least 1`);
  }
  if (shape.length !== sampleShape.length + 1 || shape.slice(1).some((d, i) => d !== sampleShape[i])) {
    throw fail('shape', `[${shape.join(', ')}] does not fit the input node "${inputId}", which takes ${expected}`);
  }
  if (typeof data !== 'string' && !(Array.isArray(data) && data.every((v) => typeof v === 'number'))) {
    throw fail('data', 'expected an array of numbers (or base64 little-endian float32)');
  }
  const decoded = decodeTensorData(data);
  if (!decoded.ok) throw fail('data', decoded.message);
  const count = shape.reduce((a: number, b: number) => a * b, 1);
  if (decoded.values.length !== count) throw fail('data', `shape [${shape.join(', ')}] needs ${count} numbers but data holds ${decoded.values.length}`);
  const bad = decoded.values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw fail(`data[${bad}]`, 'is not a finite number');
  return { shape, data: decoded.values };
}

export function readLabels(file: string, count: number, classes: number): Int32Array {
  const value = readJsonFile(file) as { labels?: unknown } | null;
  const fail = (field: string, message: string) => new CliError(`${file}: at ${field}: ${message}`);
  const labels = typeof value === 'object' && value !== null ? value.labels : undefined;
  if (!Array.isArray(labels)) throw fail('labels', 'expected { "labels": [int, ...] }');
  if (labels.length !== count) throw fail('labels', `holds ${labels.length} labels but the input has ${count} samples`);
  labels.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw fail(`labels[${i}]`, `${JSON.stringify(label)} is not a class index from 0 to ${classes - 1}`);
    }
  });
  return Int32Array.from(labels as number[]);
}
