/** The published JSON Schema (resources/schema/), generated from the zod schema. */
import { z } from 'zod';
import { CURRENT_VERSION, GraphDocumentSchema } from './schema';

export function toJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(GraphDocumentSchema, { target: 'draft-2020-12', io: 'input' });
  return {
    ...schema,
    $id: `https://convstudio.app/schema/convstudio-graph.v${CURRENT_VERSION}.schema.json`,
    title: 'ConvStudio graph document',
    description: `A ConvStudio network, version ${CURRENT_VERSION}. Generated from engine/graph/schema.ts; do not edit by hand.`,
  };
}
