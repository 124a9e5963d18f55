// Compiles schemas/ecwid-instance.schema.json into a standalone validator module at build time,
// so that no command pays for ajv's compiler when it starts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = JSON.parse(readFileSync(join(root, 'schemas/ecwid-instance.schema.json'), 'utf8'));

const ajv = new Ajv.default({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, code: { source: true, esm: true, optimize: true } });
ajv.addVocabulary(['x-expected']);
addFormats.default(ajv, ['uri']);

const validator = standaloneCode.default(ajv, ajv.compile(schema));
// ajv's standalone output still calls require() for its runtime helpers, even in ESM mode.
const prelude = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
const body = validator.replace(/^"use strict";/, '');
const module = `${prelude}${body}\nexport const schema = ${JSON.stringify(schema)};\n`;
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

for (const folder of ['src/validation/generated', 'dist/validation/generated']) {
  mkdirSync(join(root, folder), { recursive: true });
  writeFileSync(join(root, folder, 'schema-validator.js'), module);
}
writeFileSync(join(root, 'src/validation/generated/schema-validator.d.ts'), types);
