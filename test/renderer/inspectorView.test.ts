/**
 * The inspector's markup, rendered without a DOM: the fields each node type
 * gets, their stable test ids, and an accessible name on every input.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '../../engine';
import { InspectorView } from '../../renderer/inspector/Inspector';
import { switchNodeType } from '../../renderer/graph/switchType';
import { createDocumentStore } from '../../renderer/store/documentStore';
import { TEMPLATES } from '../../renderer/templates';

const templateDoc = (file: string) => structuredClone(TEMPLATES.find((t) => t.file === file)?.document as GraphDocument);

function render(doc: GraphDocument, selection: string[]): string {
  const store = createDocumentStore(doc);
  store.select(selection);
  return renderToStaticMarkup(createElement(InspectorView, { store, state: store.getState() }));
}

/** Every <input> and <select> tag in the markup. */
const controls = (html: string) => html.match(/<(input|select)\b[^>]*>/g) ?? [];
const testIds = (html: string) => [...html.matchAll(/data-testid="([^"]+)"/g)].map((m) => m[1]);

describe('the inspector', () => {
  it('asks for a selection when no node is selected (an edge alone does not count)', () => {
    expect(render(templateDoc('lenet-5.json'), [])).toContain('Select a node');
    expect(render(templateDoc('lenet-5.json'), ['in->c1'])).toContain('Select a node');
  });

  it('shows the first selected node', () => {
    expect(render(templateDoc('lenet-5.json'), ['in->c1', 'c2', 'c1'])).toContain('data-testid="field-c2-filters"');
  });

  it('gives a convolution a type switch, pairs with locks, a padding choice and flags', () => {
    const html = render(templateDoc('lenet-5.json'), ['c1']);
    expect(testIds(html)).toEqual(
      expect.arrayContaining([
        'type-c1', 'field-c1-filters', 'field-c1-kernelSize-height', 'field-c1-kernelSize-width', 'lock-c1-kernelSize',
        'field-c1-strides-height', 'field-c1-strides-width', 'lock-c1-strides', 'padding-c1', 'field-c1-useBias', 'field-c1-trainable',
        'arithmetic-rows', 'arithmetic-cols',
      ]),
    );
    expect(html).toMatch(/data-testid="lock-c1-kernelSize" aria-pressed="true"/);
    expect(html).toContain('aria-label="c1 kernel height"');
    expect(html).not.toContain('padding-c1-top');
    expect(html).toContain('rows: out = floor((28 − 5 + 0) / 1) + 1 = 24');
  });

  it('marks a field invalid for an error, and only explains a warning', () => {
    const doc = templateDoc('lenet-5.json');
    const c2 = doc.nodes.find((n) => n.id === 'c2') as { params: Record<string, unknown> };
    c2.params['kernelSize'] = [13, 13];
    const tooLarge = render(doc, ['c2']);
    expect(tooLarge).toMatch(/data-testid="field-c2-kernelSize-height"[^>]*aria-invalid="true"/);
    expect(tooLarge).toContain('role="alert">kernel 13×13 is larger than its 12×12 input</p>');
    expect(tooLarge.split('kernel 13×13 is larger').length - 1).toBe(1); // at the field, not again in the list

    const strided = templateDoc('lenet-5.json');
    (strided.nodes.find((n) => n.id === 'c1') as { params: Record<string, unknown> }).params['strides'] = [3, 3];
    const html = render(strided, ['c1']);
    expect(html).toMatch(/<p[^>]*class="inspect__warning">stride 3 does not tile/);
    expect(html).not.toMatch(/data-testid="field-c1-strides-height"[^>]*aria-invalid/);
  });

  it('shows four sides for explicit padding and tiles for a tiled convolution', () => {
    const doc = switchNodeType(templateDoc('lenet-5.json'), 'c1', 'tiledConv2d');
    const c1 = doc.nodes.find((n) => n.id === 'c1') as { params: Record<string, unknown> };
    c1.params['padding'] = [1, 2, 3, 4];
    c1.params['tiles'] = [2, 3];
    const html = render(doc, ['c1']);
    for (const side of ['top', 'bottom', 'left', 'right']) expect(html).toContain(`data-testid="padding-c1-${side}"`);
    expect(html).toMatch(/data-testid="padding-c1-left"[^>]*value="3"/);
    expect(html).toMatch(/data-testid="lock-c1-tiles" aria-pressed="false"/);
  });

  it('gives pooling its window, stride and padding with the defaults filled in', () => {
    const doc: GraphDocument = { format: 'convstudio-graph', version: 1, name: 'p', nodes: [{ id: 'p', type: 'avgPool2d' }], edges: [] };
    const html = render(doc, ['p']);
    expect(html).toMatch(/data-testid="field-p-poolSize-height"[^>]*value="2"/);
    expect(html).toMatch(/data-testid="field-p-strides-width"[^>]*value="2"/);
    expect(html).toContain('data-testid="padding-p"');
    expect(html).not.toContain('type-p');
  });

  it('gives an activation its type switch, and leaky ReLU its alpha', () => {
    expect(testIds(render(templateDoc('lenet-5.json'), ['r1']))).toEqual(['node-inspector', 'type-r1']);
    const leaky = switchNodeType(templateDoc('lenet-5.json'), 'r1', 'leakyRelu');
    expect(render(leaky, ['r1'])).toMatch(/data-testid="field-r1-alpha"[^>]*value="0.01"/);
  });

  it('shows the input shape and dense units', () => {
    expect(render(templateDoc('lenet-5.json'), ['in'])).toMatch(/data-testid="field-in-shape"[^>]*value="1, 28, 28"/);
    expect(render(templateDoc('lenet-5.json'), ['d3'])).toMatch(/data-testid="field-d3-units"[^>]*value="10"/);
  });

  it('shows the edge detector kernel as a grid of cells', () => {
    const html = render(templateDoc('edge-detection.json'), ['edges']);
    expect(html).toMatch(/data-testid="weight-edges-0-0-1-1"[^>]*value="8"/);
    expect(html).toMatch(/data-testid="weight-edges-0-0-2-2"[^>]*value="-1"/);
    expect(html).toContain('aria-label="edges weight filter 0, channel 0, row 1, column 1"');
    expect(html).toContain('Fixed: training leaves these values');
  });

  it.each(['lenet-5.json', 'edge-detection.json', 'branches.json'])('names every control in %s', (file) => {
    const doc = templateDoc(file);
    let seen = 0;
    for (const node of doc.nodes) {
      for (const tag of controls(render(doc, [node.id]))) {
        expect(tag, tag).toMatch(new RegExp(`aria-label="${node.id} [^"]+"`));
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(doc.nodes.length);
  });
});
