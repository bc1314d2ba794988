// Writes the JSON Schema of .prodgap.json, generated from the zod schema the tools validate with.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { configJsonSchema } = require('../build/server/src/config/json-schema.js');
mkdirSync('schema', { recursive: true });
writeFileSync('schema/prodgap.schema.json', `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
