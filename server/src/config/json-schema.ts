import { z } from 'zod';
import { configSchema } from './schema';

/** The JSON Schema editors use to validate and complete `.prodgap.json` (shipped as schema/prodgap.schema.json). */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { target: 'draft-7', io: 'input' }),
    $id: 'https://github.com/prodgap/prodgap/schema/prodgap.schema.json',
    title: 'prodgap configuration (.prodgap.json)',
  };
}
