/** The export channel carries a model's or a zipped project's bytes too: checked by kind, and measured by their length. */
import { describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../app/shared/desktopApi';
import { checkIpcMessage, MAX_IPC_PAYLOAD_BYTES } from '../../app/main/ipcValidation';

const PAGE = 'app://convstudio/index.html';

describe('exporting a model over IPC', () => {
  it('accepts bytes for an onnx or zip export and text for the others, not the other way round', () => {
    expect(checkIpcMessage(INVOKE_CHANNELS.exportFile, PAGE, [{ suggestedName: 'lenet-5-pytorch.zip', bytes: new Uint8Array(100), kind: 'zip' }])).toMatchObject({ ok: true });
    expect(checkIpcMessage(INVOKE_CHANNELS.exportFile, PAGE, [{ suggestedName: 'p.zip', text: 'x', kind: 'zip' }])).toMatchObject({ ok: false });
    expect(checkIpcMessage(INVOKE_CHANNELS.exportFile, PAGE, [{ suggestedName: 'p.tar', bytes: new Uint8Array(3), kind: 'tar' }])).toMatchObject({ ok: false });
    expect(checkIpcMessage(INVOKE_CHANNELS.exportFile, PAGE, [{ suggestedName: 'm.onnx', bytes: new Uint8Array(100), kind: 'onnx' }])).toMatchObject({ ok: true });
    expect(checkIpcMessage(INVOKE_CHANNELS.exportFile, PAGE, [{ suggestedName: 'm.onnx', text: 'x', kind: 'onnx' }])).toMatchObject({ ok: false });
    expect(checkIpcMessage(INVOKE_CHANNELS.exportFile, PAGE, [{ suggestedName: 'm.onnx', bytes: [1, 2, 3], kind: 'onnx' }])).toMatchObject({ ok: false });
    expect(checkIpcMessage(INVOKE_CHANNELS.exportFile, PAGE, [{ suggestedName: 'a.md', bytes: new Uint8Array(3), kind: 'markdown' }])).toMatchObject({ ok: false });
  });
  it('counts a model by its bytes: 10 MB passes, more than the limit is refused', () => {
    expect(checkIpcMessage(INVOKE_CHANNELS.exportFile, PAGE, [{ suggestedName: 'm.onnx', bytes: new Uint8Array(10 * 2 ** 20), kind: 'onnx' }])).toMatchObject({ ok: true });
    expect(checkIpcMessage(INVOKE_CHANNELS.exportFile, PAGE, [{ suggestedName: 'm.onnx', bytes: new Uint8Array(MAX_IPC_PAYLOAD_BYTES + 1), kind: 'onnx' }])).toMatchObject({ ok: false, reason: expect.stringContaining('over the 64 MiB limit') });
  });
});
