/** Help > The Lecture's Concepts and Help > About: where each idea of the CNN lecture lives in the app, and what runs it. */
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../app/shared/desktopApi';
import type { LessonId } from '../../engine/lessons/lessons';
import { Sheet } from '../workspace/Sheet';

export const LECTURE_CONCEPTS: { concept: string; where: string; lesson?: LessonId }[] = [
  { concept: 'Kernels', where: 'The Kernels lesson: a picture, a kernel and the output, every product of a pixel shown. A conv2d node\'s Explain button opens it on that node\'s kernel.', lesson: 'kernels' },
  { concept: 'Sparse interactions and receptive fields', where: 'The Receptive fields lesson: click a unit of any node and the input pixels it depends on light up, through every layer; click an input pixel to see every unit it reaches. The inspector gives each windowed node its field size, jump and start.', lesson: 'fields' },
  { concept: 'Parameter sharing and equivariance', where: 'The Sharing and equivariance lesson: shift a picture, compare conv(shift(x)) with shift(conv(x)), and switch to a locally-connected layer to see the equality go. On the canvas, swapping a conv2d node for a locallyConnected2d or tiledConv2d one shows the parameter counts change.', lesson: 'equivariance' },
  { concept: 'Pooling and invariance', where: 'The Pooling and invariance lesson: how many pooled units keep their value when the picture moves by 1 to 3 pixels, for pool sizes 1, 2 and 3.', lesson: 'pooling' },
  { concept: 'Multiple channels and feature maps', where: 'The Channels lesson: a colour picture\'s three channels, each convolved with its slice of a filter\'s kernel, summed with the bias into one feature map, and the parameter count (C_in·k_h·k_w + 1)·C_out.', lesson: 'channels' },
  { concept: 'Zero padding: valid, same, full', where: 'The Zero padding lesson: a small grid under each mode, the zeros drawn, the output size, how many outputs read each pixel, and five layers in a row. On the canvas, the padding field of convolution and pooling nodes.', lesson: 'padding' },
  { concept: 'Strides', where: 'The Strides lesson: the stride-s output as the stride-1 output sampled, the skipped positions and the pixels no window reads. The inspector warns when a stride skips input pixels.', lesson: 'strides' },
  { concept: 'Back-propagation as a transposed convolution', where: 'The Backprop as Wᵀ lesson: a small convolution as its matrix W, the forward pass as W·x and the input gradient as Wᵀ·g beside the engine\'s own, and the kernel gradient as a sum over its copies. `convstudio gradients` prints every gradient of a network.', lesson: 'toeplitz' },
  { concept: 'Locally-connected and tiled convolution', where: 'The Sharing: tiled, local lesson: one layer on a slider from one kernel set to one per position, with its parameters, the set each position uses and the sets. On the canvas, the locallyConnected2d and tiledConv2d nodes (tiles: how many kernel sets per axis).', lesson: 'sharing' },
  { concept: 'Computational costs', where: 'The Computational costs lesson: the lecture\'s table for any conv-like layer and input, its slide\'s numbers, and the two timed here. A conv2d node\'s Explain button opens it on that layer.', lesson: 'costs' },
];

/** Each of the lecture's concepts and where it is in the app: in this sheet and in the Learn view. */
export function ConceptList({ className, onOpenLesson }: { className?: string; onOpenLesson?: (lesson: LessonId) => void }) {
  return (
    <dl className={className}>
      {LECTURE_CONCEPTS.map((c) => (
        <div key={c.concept}>
          <dt>{c.concept}</dt>
          <dd>
            {c.where}
            {c.lesson && onOpenLesson && (
              <>
                {' '}
                <button type="button" className="concept__open" data-testid={`open-lesson-${c.lesson}`} aria-label={`Open the lesson: ${c.concept}`} onClick={() => onOpenLesson(c.lesson!)}>Open the lesson</button>
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function HelpSheet({ topic, appInfo, onClose, onOpenLesson }: { topic: 'concepts' | 'about'; appInfo?: () => Promise<AppInfo>; onClose(): void; onOpenLesson?: (lesson: LessonId) => void }) {
  const [info, setInfo] = useState<AppInfo | undefined>();
  useEffect(() => {
    if (topic === 'about') void appInfo?.().then(setInfo, () => undefined);
  }, [topic, appInfo]);
  return (
    <Sheet title={topic === 'about' ? 'About ConvStudio' : 'The lecture’s concepts in ConvStudio'} onClose={onClose}>
      {topic === 'concepts' ? (
        <ConceptList {...(onOpenLesson ? { onOpenLesson } : {})} />
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
