// The shipped schema works outside this tool: it compiles in ajv's strict mode and in ajv-cli as they
// come, and VS Code's JSON language service, given it, marks every key that validate reports as an
// error in the same file.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import jsonLanguageService from 'vscode-json-languageservice';
import { checkBytes } from '../dist/validation/checking/check-instance.js';
import { splitPointer } from '../dist/validation/checking/pointer.js';
import { fixtures, root } from './helpers/paths.js';

const schemaPath = join(root, 'schemas/ecwid-instance.schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
const run = promisify(execFile);
const { getLanguageService, TextDocument } = jsonLanguageService; // CommonJS: no named exports
const ajvCli = join(root, 'node_modules/ajv-cli/dist/index.js');

const list = (folder) => readdirSync(join(fixtures, folder)).filter((name) => name.endsWith('.json')).sort().map((name) => join(fixtures, folder, name));
const validFiles = list('valid');
const invalidFiles = list('invalid');
/** What validate reports as errors in a file. */
const errorsOf = (path) => checkBytes(path, readFileSync(path), false).problems.filter((p) => p.severity === 'error');

describe('ajv', () => {
  test('new Ajv() with its strict defaults and ajv-formats compiles the schema without a word', () => {
    const said = [];
    const logger = { log: () => {}, warn: (...args) => said.push(args.join(' ')), error: (...args) => said.push(args.join(' ')) };
    const ajv = new Ajv({ logger });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.deepEqual(said, []);
    // And it judges files as validate does, where the schema can tell (not syntax or duplicate keys).
    for (const path of [...validFiles, ...invalidFiles]) {
      const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
      let data;
      try {
        data = JSON.parse(text);
      } catch {
        continue;
      }
      const schemaErrors = errorsOf(path).filter((p) => p.rule !== 'duplicate-key');
      assert.equal(validate(data), schemaErrors.length === 0, path);
    }
  });
});

describe('ajv-cli', () => {
  const cli = (file) => run(process.execPath, [ajvCli, 'validate', '-s', schemaPath, '-d', file, '-c', 'ajv-formats'], { cwd: root });

  test('every valid fixture passes, exit 0', async () => {
    for (const path of validFiles) {
      const { stdout, stderr } = await cli(path).catch((error) => assert.fail(`${path}: exit ${error.code}\n${error.stdout}${error.stderr}`));
      assert.match(`${stdout}${stderr}`, /valid/, path);
      assert.doesNotMatch(`${stdout}${stderr}`, /strict mode|unknown/i, path);
    }
  });

  test('every fixture with an error the schema can see fails, exit non-zero', async () => {
    const broken = invalidFiles.filter((path) => errorsOf(path).some((p) => p.rule !== 'duplicate-key'));
    assert.ok(broken.length >= 10, `only ${broken.length} fixtures`);
    for (const path of broken) {
      const outcome = await cli(path).then(
        () => 0,
        (error) => error.code,
      );
      assert.notEqual(outcome, 0, path);
    }
  });
});

describe("VS Code's JSON language service", () => {
  const service = getLanguageService({ schemaRequestService: async () => JSON.stringify(schema) });
  service.configure({ validate: true, allowComments: false, schemas: [{ uri: 'ecwid-instance.schema.json', fileMatch: ['*.json'], schema }] });

  /** The service's own syntax tree, followed down a pointer as far as the file holds it. */
  function nodeAt(node, segments) {
    for (const segment of segments) {
      const next =
        node?.type === 'object'
          ? node.properties.findLast((property) => property.keyNode.value === segment)?.valueNode
          : node?.type === 'array'
            ? node.items[Number(segment)]
            : undefined;
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  /** Where a pointer's key and value sit: the whole property, or the enclosing one of a missing key. */
  function spanOf(tree, pointer) {
    const path = splitPointer(pointer);
    for (let missing = 0; missing <= path.length; missing++) {
      const node = nodeAt(tree, path.slice(0, path.length - missing));
      if (!node) continue;
      const whole = node.parent?.type === 'property' ? node.parent : node;
      return { start: whole.offset, end: whole.offset + whole.length, missing: missing > 0, value: node.offset };
    }
    return { start: 0, end: Infinity, missing: true, value: 0 };
  }

  for (const path of [...validFiles, ...invalidFiles]) {
    const name = path.slice(fixtures.length);
    test(`${name}: a diagnostic on every key validate reports as an error`, async () => {
      const text = readFileSync(path, 'utf8');
      const document = TextDocument.create(`file:///fixtures/${name}`, 'json', 1, text);
      const parsed = service.parseJSONDocument(document);
      const diagnostics = await service.doValidation(document, parsed, { schemaValidation: 'error' });
      const ranges = diagnostics.map((d) => ({ start: document.offsetAt(d.range.start), end: document.offsetAt(d.range.end), message: d.message }));
      const tree = parsed.root;
      for (const problem of errorsOf(path)) {
        if (problem.rule === 'syntax') {
          // An empty file holds nothing an editor could mark; any other text that is not JSON is marked.
          if (text.trim() !== '') assert.ok(ranges.length > 0, `${name}: nothing for ${problem.message}`);
          continue;
        }
        const span = spanOf(tree, problem.pointer);
        const parent = spanOf(tree, problem.pointer.slice(0, problem.pointer.lastIndexOf('/')));
        // A missing key: at the enclosing property (its key or its value). Else on the key or value,
        // or on the array or object that holds it, as for a repeated tag ("Array has duplicate items").
        const on = (r) => (r.start >= span.start && r.end <= span.end) || (r.start <= span.start && r.end >= span.end && r.start >= parent.start);
        const marked = ranges.some((r) => (span.missing ? r.start === span.start || r.start === span.value : on(r)));
        assert.ok(marked, `${name}: no diagnostic for ${problem.pointer} (${problem.rule}: ${problem.message}); the service said ${JSON.stringify(ranges)}`);
      }
    });
  }
});
