/**
 * Which picture a lesson works on: a test image of MNIST or Fashion-MNIST (by
 * number, or at random), the bundled photograph, a flat patch, the drawing on
 * the draw pad, or a picture file of the user's own. The choice is a name
 * (as `convstudio lesson --picture` takes), so a lesson's state is text.
 */
import { useRef, useState } from 'react';
import { openedPictureNames, openPictureFile } from './pictures';

const SOURCES = [
  { value: 'mnist', label: 'MNIST test image' },
  { value: 'fashion-mnist', label: 'Fashion-MNIST test image' },
  { value: 'photo', label: 'Photograph (coffee)' },
  { value: 'flat', label: 'Flat patch' },
  { value: 'drawing', label: 'Your drawing (Draw view)' },
] as const;

export function PicturePicker({ value, onChange, testId }: { value: string; onChange(name: string): void; testId: string }) {
  const file = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | undefined>();
  const [source, detail] = splitName(value);
  const choose = (next: string) => {
    if (next === 'mnist' || next === 'fashion-mnist') onChange(`${next}:0`);
    else if (next === 'flat') onChange('flat:0.5');
    else if (next === 'own') file.current?.click();
    else onChange(next);
  };
  return (
    <div className="picture-picker" data-testid={testId}>
      <label>
        Picture{' '}
        <select value={source} onChange={(e) => choose(e.target.value)} data-testid={`${testId}-source`}>
          {SOURCES.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          {openedPictureNames().map((name) => <option key={name} value={name}>{name.slice('file:'.length)}</option>)}
          <option value="own">Your own picture…</option>
        </select>
      </label>
      {(source === 'mnist' || source === 'fashion-mnist') && (
        <>
          <label>
            number{' '}
            <input type="number" min={0} max={9999} value={detail} data-testid={`${testId}-index`}
              onChange={(e) => Number.isInteger(e.target.valueAsNumber) && onChange(`${source}:${Math.max(0, Math.min(9999, e.target.valueAsNumber))}`)} />
          </label>
          <button type="button" onClick={() => onChange(`${source}:${Math.floor(Math.random() * 10000)}`)}>Random</button>
        </>
      )}
      {source === 'flat' && (
        <label>
          value{' '}
          <input type="number" min={0} max={1} step={0.05} value={detail} data-testid={`${testId}-flat`}
            onChange={(e) => Number.isFinite(e.target.valueAsNumber) && onChange(`flat:${Math.max(0, Math.min(1, e.target.valueAsNumber))}`)} />
        </label>
      )}
      <input ref={file} type="file" accept="image/*" hidden data-testid={`${testId}-file`} onChange={(e) => {
        const chosen = e.target.files?.[0];
        e.target.value = '';
        if (!chosen) return;
        openPictureFile(chosen).then((name) => {
          setProblem(undefined);
          onChange(name);
        }, (error: Error) => setProblem(error.message));
      }} />
      {problem && <p className="lesson__problem" role="alert">{problem}</p>}
    </div>
  );
}

function splitName(name: string): [string, string] {
  if (name.startsWith('file:')) return [name, ''];
  const colon = name.indexOf(':');
  return colon < 0 ? [name, ''] : [name.slice(0, colon), name.slice(colon + 1)];
}
