// Generates the plain check from the schema: one function that, for the usual instance file, proves
// in a single pass over its parsed data that the full checks would find nothing, and counts its
// properties on the way (for the duplicate-key test). It answers -1 whenever it is not sure, and
// the file then takes the full way (ajv and every rule), so it only ever has to be right when it
// says yes: it accepts a value only when ajv would, and an object only when it holds no key
// beyond the schema's `properties` (so no unknown-key warning is possible).
// A keyword it does not know stops the build: extend it here rather than let it guess.

const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'examples', 'default', 'writeOnly', 'x-expected']);
const LEAF = new Set(['type', 'const', 'enum', 'minLength', 'maxLength', 'pattern', 'format']);
const OBJECT = new Set(['type', 'properties', 'required', 'if', 'then']);
const ARRAY = new Set(['type', 'items', 'uniqueItems']);
const TYPE_TEST = {
  string: (v) => `typeof ${v} === "string"`,
  boolean: (v) => `typeof ${v} === "boolean"`,
  number: (v) => `(typeof ${v} === "number" && isFinite(${v}))`,
  integer: (v) => `Number.isInteger(${v})`,
  null: (v) => `${v} === null`,
};
const FORMATS = new Set(['uri']);
const NEVER = 'return -1;';

/** Returns the source of an ES module exporting `plainCheck(data): number`. */
export function generatePlainCheck(schema) {
  const patterns = [];
  const functions = [];

  const fail = (where, why) => {
    throw new Error(`plain check: ${where || '(root)'}: ${why}; extend scripts/plain-check.js`);
  };
  const keywords = (node) => Object.keys(node).filter((key) => !ANNOTATIONS.has(key));
  const isPrimitive = (value) => value === null || ['string', 'number', 'boolean'].includes(typeof value);
  /** Each distinct pattern is compiled once, with the flags ajv gives it. */
  const pattern = (source) => {
    if (!patterns.includes(source)) patterns.push(source);
    return `pattern${patterns.indexOf(source)}`;
  };

  /** A boolean expression over `v` that is exactly ajv's answer for a leaf schema. */
  function leaf(node, v, where) {
    const tests = [];
    const extra = keywords(node).filter((key) => !LEAF.has(key));
    if (extra.length > 0) fail(where, `keyword ${extra[0]}`);
    const isString = node.type === 'string';
    const stringOnly = (test) => (isString ? test : `(typeof ${v} !== "string" || ${test})`);
    if (node.type !== undefined) {
      if (typeof node.type !== 'string' || !TYPE_TEST[node.type]) fail(where, `type ${JSON.stringify(node.type)}`);
      tests.push(TYPE_TEST[node.type](v));
    }
    if ('const' in node) {
      if (!isPrimitive(node.const)) fail(where, 'a const that is not a string, number, boolean or null');
      tests.push(`${v} === ${JSON.stringify(node.const)}`);
    }
    if (node.enum) {
      if (!node.enum.every(isPrimitive)) fail(where, 'an enum member that is not a string, number, boolean or null');
      tests.push(`(${node.enum.map((value) => `${v} === ${JSON.stringify(value)}`).join(' || ')})`);
    }
    // ajv counts code points; a string's length in UTF-16 units is never fewer, so `length <= max` is
    // safe to accept, and `length >= 1` is exact. Larger minimums would need code points.
    if (node.minLength !== undefined) {
      if (node.minLength > 1) fail(where, 'minLength above 1');
      tests.push(stringOnly(`${v}.length >= ${node.minLength}`));
    }
    if (node.maxLength !== undefined) tests.push(stringOnly(`${v}.length <= ${node.maxLength}`));
    if (node.pattern !== undefined) tests.push(stringOnly(`${pattern(node.pattern)}.test(${v})`));
    if (node.format !== undefined) {
      if (!FORMATS.has(node.format)) fail(where, `format ${node.format}`);
      tests.push(stringOnly(`formats.${node.format}(${v})`));
    }
    return tests.length > 0 ? tests.join(' && ') : 'true';
  }

  /** The `if` of an if/then: exact, for properties with leaf schemas and required keys. */
  function condition(node, v, where) {
    const extra = keywords(node).filter((key) => key !== 'properties' && key !== 'required');
    if (extra.length > 0) fail(where, `keyword ${extra[0]} in if`);
    const tests = (node.required ?? []).map((key) => `${v}[${JSON.stringify(key)}] !== undefined`);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const value = `${v}[${JSON.stringify(key)}]`;
      tests.push(`(${value} === undefined || (${leaf(child, value, `${where}/if/${key}`)}))`);
    }
    return tests.length > 0 ? tests.join(' && ') : 'true';
  }

  /**
   * How a value is checked: a leaf is a boolean expression (it holds no properties); an object or an
   * array gets a function returning the properties it holds, or -1.
   */
  function compile(node, where) {
    if (Array.isArray(node.type)) return { never: true }; // unions are rare: the full way
    if (node.type === 'object') return { fn: objectFunction(node, where) };
    if (node.type === 'array') return { fn: arrayFunction(node, where) };
    return { test: (v) => leaf(node, v, where) };
  }

  /** Statements that check `value` (a property or an item) and add what it holds to `count`. */
  function checkStatements(node, value, where) {
    const compiled = compile(node, where);
    if (compiled.never) return NEVER;
    if (compiled.test) return `if (!(${compiled.test(value)})) return -1;`;
    return `{ const held = ${compiled.fn}(${value}); if (held < 0) return -1; count += held; }`;
  }

  function objectFunction(node, where) {
    const extra = keywords(node).filter((key) => !OBJECT.has(key));
    if (extra.length > 0) fail(where, `keyword ${extra[0]}`);
    if (('then' in node) !== ('if' in node)) fail(where, 'then without if, or if without then');
    const name = `object${functions.length}`;
    functions.push(''); // reserves the name; filled in below
    const slot = functions.length - 1;
    const properties = node.properties;
    if (!properties || Object.keys(properties).length === 0) {
      // Any content is allowed, so there is nothing to prove quickly: the full way.
      functions[slot] = `function ${name}() { return -1; }`;
      return name;
    }
    const required = node.required ?? [];
    if (required.length > 30) fail(where, 'more than 30 required keys');
    const bit = (key) => required.indexOf(key);
    const cases = Object.entries(properties).map(([key, child]) => {
      const check = checkStatements(child, 'value', `${where}/${key}`);
      if (check === NEVER) return `      case ${JSON.stringify(key)}: ${NEVER}`;
      const mark = bit(key) >= 0 ? ` found |= ${1 << bit(key)};` : '';
      return `      case ${JSON.stringify(key)}: ${check}${mark} break;`;
    });
    for (const key of required) if (!(key in properties)) fail(where, `required key ${key} without a schema in properties`);
    const all = required.length === 0 ? 0 : 2 ** required.length - 1;
    const conditional = node.if
      ? `\n  if ((${condition(node.if, 'data', where)}) && !(${condition(node.then, 'data', `${where}/then`)})) return -1;`
      : '';
    functions[slot] = `function ${name}(data) {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return -1;
  let count = 0;
  let found = 0;
  for (const key in data) {
    count++;
    const value = data[key];
    switch (key) {
${cases.join('\n')}
      default: return -1;
    }
  }
  if (found !== ${all}) return -1;${conditional}
  return count;
}`;
    return name;
  }

  function arrayFunction(node, where) {
    const extra = keywords(node).filter((key) => !ARRAY.has(key));
    if (extra.length > 0) fail(where, `keyword ${extra[0]}`);
    if (!node.items || Array.isArray(node.items)) fail(where, 'items that is not one schema');
    const name = `array${functions.length}`;
    functions.push('');
    const slot = functions.length - 1;
    const items = compile(node.items, `${where}/items`);
    if (node.uniqueItems && !items.test) fail(where, 'uniqueItems over items that are not leaves');
    const unique = node.uniqueItems ? '\n    for (let j = 0; j < i; j++) if (data[j] === value) return -1;' : '';
    functions[slot] = `function ${name}(data) {
  if (!Array.isArray(data)) return -1;
  let count = 0;
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    ${checkStatements(node.items, 'value', `${where}/items`)}${unique}
  }
  return count;
}`;
    return name;
  }

  const root = compile(schema, '');
  if (!root.fn) fail('', 'the root is not an object or an array');
  return `// Generated from schemas/ecwid-instance.schema.json by scripts/plain-check.js: do not edit.
import { formats } from '../uri-format.js';
${patterns.map((source, index) => `const pattern${index} = new RegExp(${JSON.stringify(source)}, "u");`).join('\n')}

${functions.join('\n\n')}

// plainCheck(data): the properties the data holds when it is plainly valid, else -1. It is the root
// function itself rather than a wrapper around it: a call less on every file.
export { ${root.fn} as plainCheck };
`;
}
