/** A document is kept and written at the oldest version that holds it (versionNeeded). */
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, loadDocumentValue, versionNeeded } from '../../../engine';
import { documentText } from '../../../renderer/platform/documentActions';
import { chainDocument } from '../../helpers/graphs';

describe('the version a document is written at', () => {
  const plain = chainDocument([1, 4, 4], [{ type: 'flatten' }, { type: 'dense', params: { units: 2 } }, { type: 'softmax' }]);
  it('is 1 for a network of version-1 node types, whatever the file said', () => {
    expect(versionNeeded(plain)).toBe(1);
    const loaded = loadDocumentValue({ ...plain, version: CURRENT_VERSION });
    expect(loaded.ok && loaded.document.version).toBe(1);
    expect(JSON.parse(documentText({ ...plain, version: CURRENT_VERSION })).version).toBe(1);
  });
  it('never claims a version this ConvStudio does not read', () => {
    expect(versionNeeded(plain)).toBeLessThanOrEqual(CURRENT_VERSION);
  });
});
