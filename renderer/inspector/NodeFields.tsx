/**
 * The parameter fields of one node, each of the kind its value has: counts
 * and rates as number fields, sizes as height × width pairs, padding as a
 * choice, flags as checkboxes. Fields show what the engine uses where the
 * document leaves a parameter out, and write only the parameter edited.
 */
import { Fragment } from 'react';
import type { GraphNode, LayerInfo, Padding, Problem, SizePair } from '../../engine';
import { descriptorOf } from '../../engine/nodes/registry';
import type { DocumentStore } from '../store/documentStore';
import { CheckField } from './CheckField';
import { fieldGroup, setParam } from './edit';
import { ListField, NumberField } from './NumberField';
import { PaddingField } from './PaddingField';
import { SizePairField } from './SizePairField';
import { ownParams, problemAt, toPair, windowParams } from './values';

const PAIR_LABELS: Record<string, string> = { kernelSize: 'kernel', strides: 'stride', poolSize: 'pool window', tiles: 'tiles', dilation: 'dilation' };

export function NodeFields({ store, node, info, problems }: { store: DocumentStore; node: GraphNode; info: LayerInfo | undefined; problems: readonly Problem[] }) {
  const id = node.id;
  const own = ownParams(node);
  const set = (key: string, value: unknown, label: string, group?: string) => setParam(store, node, key, value, label, group);
  const number = (key: string, label: string, value: number, options: { integer?: boolean; step?: number } = {}) => (
    <NumberField
      testId={`field-${id}-${key}`}
      label={label}
      ariaLabel={`${id} ${label}`}
      value={value}
      problem={problemAt(problems, key)}
      inputMode={options.integer ? 'numeric' : 'decimal'}
      step={options.step ?? (options.integer ? 1 : undefined)}
      onValue={(v) => set(key, v, label, fieldGroup(id, key))}
    />
  );
  const check = (key: string, label: string, hint?: string) => (
    <CheckField testId={`field-${id}-${key}`} label={label} ariaLabel={`${id} ${label}`} hint={hint} checked={(own[key] as boolean | undefined) ?? true} onChange={(on) => set(key, on, label)} />
  );
  const pair = (key: string, value: SizePair) => (
    <SizePairField
      key={`${id}-${key}`}
      nodeId={id}
      name={key}
      label={PAIR_LABELS[key] ?? key}
      value={toPair(value)}
      original={own[key] as SizePair | undefined}
      problem={problemAt(problems, key)}
      apply={(size, part) => set(key, size, `${PAIR_LABELS[key] ?? key} ${part}`, fieldGroup(id, `${key}-${part}`))}
    />
  );
  const windowFields = () => {
    const w = windowParams(node);
    if (!w) return null;
    return (
      <>
        {pair(w.windowKey, w.window)}
        {pair('strides', w.strides)}
        <PaddingField
          nodeId={id}
          padding={own['padding'] as Padding | undefined}
          kernel={w.window}
          plan={info?.window}
          problem={problemAt(problems, 'padding')}
          apply={(padding, label, group) => set('padding', padding, label, group)}
        />
      </>
    );
  };

  const { fields } = descriptorOf(node);
  if (fields.length === 0) return <p className="inspect__hint">No parameters.</p>;
  return (
    <>
      {fields.map((field) => {
        switch (field.kind) {
          case 'shape':
            return (
              <ListField
                key="shape"
                testId={`field-${id}-shape`}
                label="shape: channels, height, width (or features)"
                ariaLabel={`${id} shape`}
                value={[...((own['shape'] as number[] | undefined) ?? [])]}
                problem={problemAt(problems, 'shape')}
                onValue={(shape) => set('shape', shape, 'shape', fieldGroup(id, 'shape'))}
              />
            );
          case 'integer':
          case 'decimal':
            return <Fragment key={field.key}>{number(field.key, field.key, (own[field.key] as number | undefined) ?? field.fallback ?? 0, { integer: field.kind === 'integer', ...(field.step === undefined ? {} : { step: field.step }) })}</Fragment>;
          case 'check':
            return <Fragment key={field.key}>{check(field.key, field.key, field.hint)}</Fragment>;
          case 'pair':
            // An optional pair (dilation) shows what the engine uses without it: 1 × 1.
            return pair(field.key, (own[field.key] as SizePair | undefined) ?? 1);
          case 'window':
            return <Fragment key="window">{windowFields()}</Fragment>;
        }
      })}
    </>
  );
}
