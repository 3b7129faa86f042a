/** Help > The Lecture's Concepts and Help > About: where each idea of the CNN lecture lives in the app, and what runs it. */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../app/shared/desktopApi';
import { Sheet } from '../workspace/Sheet';

export const LECTURE_CONCEPTS: { concept: string; where: string }[] = [
  { concept: 'Kernels', where: 'Select a conv2d node and open Activations: its kernels are drawn as small images, one per input channel.' },
  { concept: 'Sparse interactions', where: 'The inspector explains which input pixels each output reads; the CLI summary compares sparse and dense costs.' },
  { concept: 'Parameter sharing', where: 'Swap a conv2d node for a locallyConnected2d one (no sharing) or a tiledConv2d one (a few kernel sets): the parameter counts in the inspector and status bar show the difference.' },
  { concept: 'Pooling', where: 'The pooling nodes; their feature maps show the downsampling while training.' },
  { concept: 'Zero padding: valid, same, full', where: 'The padding field of convolution and pooling nodes; the inspector shows the output size it gives and any unread pixels.' },
  { concept: 'Strides', where: 'The stride field; the inspector warns when a stride skips input pixels.' },
  { concept: 'Back-propagation as a transposed convolution', where: 'Activations show gradient sizes per layer; `convstudio gradients` prints every gradient.' },
  { concept: 'Locally-connected and tiled convolution', where: 'The locallyConnected2d and tiledConv2d nodes (tiles: how many kernel sets per axis).' },
  { concept: 'Computational costs', where: 'File > Export Summary writes the table of parameters and muls+adds; template "Lecture: computational costs" reproduces the lecture\'s numbers.' },
];

/** Each of the lecture's concepts and where it is in the app: in this sheet and in the Learn view. */
export function ConceptList({ className }: { className?: string }) {
  return (
    <dl className={className}>
      {LECTURE_CONCEPTS.map((c) => (
        <div key={c.concept}>
          <dt>{c.concept}</dt>
          <dd>{c.where}</dd>
        </div>
      ))}
    </dl>
  );
}

export function HelpSheet({ topic, appInfo, onClose }: { topic: 'concepts' | 'about'; appInfo?: () => Promise<AppInfo>; onClose(): void }) {
  const [info, setInfo] = useState<AppInfo | undefined>();
  useEffect(() => {
    if (topic === 'about') void appInfo?.().then(setInfo, () => undefined);
  }, [topic, appInfo]);
  return (
    <Sheet title={topic === 'about' ? 'About ConvStudio' : 'The lecture’s concepts in ConvStudio'} onClose={onClose}>
      {topic === 'concepts' ? (
        <ConceptList />
      ) : (
        <>
          <p>Design, train and look inside convolutional networks by hand. Works offline; nothing is sent anywhere.</p>
          {info ? (
            <p data-testid="app-info">Version {info.version} · Electron {info.electron} · Chromium {info.chrome} · Node {info.node} · {info.platform}<br />Data folder: {info.dataFolder}</p>
          ) : (
            <p data-testid="app-info">Browser build · {navigator.userAgent}</p>
          )}
        </>
      )}
    </Sheet>
  );
}
