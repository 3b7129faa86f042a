/** What size pictures must be scaled to for the open graph: its input node's, or why pictures cannot feed it. */
import type { GraphDocument } from '../../engine';

/** The input node's image size, or why a folder of pictures cannot feed it. */
export function imageInput(document: GraphDocument): { height: number; width: number; color: boolean } | string {
  const input = document.nodes.find((n) => n.type === 'input');
  const shape = input?.type === 'input' ? input.params.shape : undefined;
  if (!shape) return 'the graph has no input node';
  if (shape.length !== 3) return `the input node takes ${shape[0]} features, not an image; give it a [channels, height, width] shape`;
  const [channels, height, width] = shape;
  if (channels !== 1 && channels !== 3) return `the input node has ${channels} channels; pictures give 1 (gray) or 3 (colour)`;
  return { height, width, color: channels === 3 };
}

