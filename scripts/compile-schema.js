// Compiles schemas/ecwid-instance.schema.json into a standalone validator module at build time,
// so that no command pays for ajv's compiler when it starts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';
import { generatePlainCheck } from './plain-check.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas/ecwid-instance.schema.json'), 'utf8'));

// Messages come from src/validation/checking/expected-texts.ts (see schema-problems.ts), so ajv builds
// none of its own. Formats come from ../uri-format.js, which answers as ajv-formats does but
// compiles its large pattern only for a URL that is not of the plainest shape.
const ajv = new Ajv.default({ allErrors: true, messages: false, strict: true, strictRequired: false, allowUnionTypes: true, code: { source: true, esm: true, optimize: true, formats: _`formats` } });
addFormats.default(ajv, ['uri']);

const validator = standaloneCode.default(ajv, ajv.compile(schema));
// ajv's standalone output still calls require() for its runtime helpers, even in ESM mode.
const prelude = "import { createRequire } from 'node:module';\nimport { formats } from '../uri-format.js';\nconst require = createRequire(import.meta.url);\n";
const body = validator.replace(/^"use strict";/, '');
// ajv already holds the whole schema as a constant: export that one rather than a second copy.
const schemaConstant = /const (schema\d+) = \{"\$schema"/.exec(body)?.[1];
if (!schemaConstant) throw new Error('compile-schema: the standalone code no longer holds the schema as a constant');
const module = `${prelude}${body}\nexport { ${schemaConstant} as schema };\n`;
const types = `/** The compiled schema validator: ajv's standalone output. */
import type { ErrorObject } from 'ajv';
interface ValidateFunction {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
declare const validate: ValidateFunction;
export default validate;
export declare const schema: Record<string, unknown>;
`;

const plainCheck = generatePlainCheck(schema);
const plainCheckTypes = `/** The properties the data holds when it is plainly valid (see scripts/plain-check.js), else -1. */
export declare function plainCheck(data: unknown): number;
/** The most keys a plainly valid file holds (Infinity when the schema sets no bound). */
export declare const MOST_KEYS: number;
`;

for (const folder of ['src/validation/checking/generated', 'dist/validation/checking/generated']) {
  mkdirSync(join(root, folder), { recursive: true });
  writeFileSync(join(root, folder, 'schema-validator.js'), module);
  writeFileSync(join(root, folder, 'plain-check.js'), plainCheck);
}
writeFileSync(join(root, 'src/validation/checking/generated/schema-validator.d.ts'), types);
writeFileSync(join(root, 'src/validation/checking/generated/plain-check.d.ts'), plainCheckTypes);
