// Generates the plain check from the schema: one function that, for the usual instance file, proves
// in a single pass over its parsed data that the full checks would find nothing, and counts its
// properties on the way (for the duplicate-key test). It answers -1 whenever it is not sure, and
// the file then takes the full way (ajv and every rule), so it only ever has to be right when it
// says yes: it accepts a value only when ajv would, and an object only when it holds no key
// beyond the schema's `properties` (so no unknown-key warning is possible).
// A keyword it does not know stops the build: extend it here rather than let it guess.
// Every check it makes is linear in the size of the data (tags are told apart with a Set).

const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'examples', 'default', 'writeOnly']);
const LEAF = new Set(['type', 'const', 'enum', 'minLength', 'maxLength', 'pattern', 'format', 'not', 'anyOf', '$ref']);
const OBJECT = new Set(['type', 'properties', 'required', 'if', 'then', 'else', 'allOf', 'additionalProperties', 'definitions']);
const ARRAY = new Set(['type', 'items', 'uniqueItems']);
/** What `exact` can say of any value, exactly as ajv would. */
const EXACT = new Set([...LEAF, 'required', 'properties', 'patternProperties', 'allOf', 'if', 'then', 'else']);
const TYPE_TEST = {
  string: (v) => `typeof ${v} === "string"`,
  boolean: (v) => `typeof ${v} === "boolean"`,
  number: (v) => `(typeof ${v} === "number" && isFinite(${v}))`,
  integer: (v) => `Number.isInteger(${v})`,
  null: (v) => `${v} === null`,
  object: (v) => `(typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v}))`,
  array: (v) => `Array.isArray(${v})`,
};
const FORMATS = new Set(['uri']);
/**
 * Definitions that the schema allows but a rule warns about (`empty-value`): a value matching one of
 * them is never plainly valid.
 */
const WARNED = new Set(['#/definitions/notSet']);
const NEVER = 'return -1;';
const NOTHING_KNOWN = new Set();
/** Arrays longer than this are told apart with a Set; shorter ones by comparing items. */
const SHORT_ARRAY = 16;

/** Returns the source of an ES module exporting `plainCheck(data): number`. */
export function generatePlainCheck(schema) {
  const patterns = [];
  const functions = [];
  const helpers = new Map();
  /** The definitions being written out in place, to stop one that refers to itself. */
  const inlining = new Set();

  const fail = (where, why) => {
    throw new Error(`plain check: ${where || '(root)'}: ${why}; extend scripts/plain-check.js`);
  };
  const keywords = (node) => (typeof node === 'boolean' ? [] : Object.keys(node).filter((key) => !ANNOTATIONS.has(key)));
  const isPrimitive = (value) => value === null || ['string', 'number', 'boolean'].includes(typeof value);
  const property = (v, key) => `${v}[${JSON.stringify(key)}]`;
  const has = (v, key) => `Object.hasOwn(${v}, ${JSON.stringify(key)})`;
  const resolve = (ref, where) => {
    const match = /^#\/definitions\/([^/]+)$/.exec(ref);
    const target = match && schema.definitions?.[match[1]];
    if (!target) fail(where, `$ref ${ref}`);
    return target;
  };
  /** Each distinct pattern is compiled once, with the flags ajv gives it. */
  const pattern = (source) => {
    if (!patterns.includes(source)) patterns.push(source);
    return `pattern${patterns.indexOf(source)}`;
  };
  /** A pattern's test; one that must start with a given character first looks at that character. */
  const patternTest = (source, v) => {
    const test = `${pattern(source)}.test(${v})`;
    const first = /^\^([<A-Za-z0-9_"'])/.exec(source)?.[1];
    return first ? `(${v}.charCodeAt(0) === ${first.charCodeAt(0)} && ${test})` : test;
  };
  /** A named function for a helper that is used in several places. */
  const helper = (name, source) => {
    if (!helpers.has(name)) helpers.set(name, source);
    return name;
  };

  /** The tests that apply to a value's type: type, const, enum, lengths, pattern and format. */
  function valueTests(node, v, where, stringOnly, known = NOTHING_KNOWN) {
    const tests = [];
    if (node.type !== undefined) {
      if (typeof node.type !== 'string' || !TYPE_TEST[node.type]) fail(where, `type ${JSON.stringify(node.type)}`);
      if (!known.has(`${node.type}:${v}`)) tests.push(TYPE_TEST[node.type](v));
    }
    if ('const' in node) {
      if (!isPrimitive(node.const)) fail(where, 'a const that is not a string, number, boolean or null');
      tests.push(`${v} === ${JSON.stringify(node.const)}`);
    }
    if (node.enum) {
      if (!node.enum.every(isPrimitive)) fail(where, 'an enum member that is not a string, number, boolean or null');
      tests.push(`(${node.enum.map((value) => `${v} === ${JSON.stringify(value)}`).join(' || ')})`);
    }
    // ajv counts code points; a string's length in UTF-16 units is never fewer, so `length <= max`
    // decides most strings at once, and only a longer one is counted. `length >= 1` is exact.
    if (node.minLength !== undefined) {
      if (node.minLength > 1) fail(where, 'minLength above 1');
      tests.push(stringOnly(`${v}.length >= ${node.minLength}`));
    }
    if (node.maxLength !== undefined) {
      const count = helper('codePoints', 'function codePoints(text) { let n = 0; for (const _ of text) n++; return n; }');
      tests.push(stringOnly(`(${v}.length <= ${node.maxLength} || ${count}(${v}) <= ${node.maxLength})`));
    }
    if (node.pattern !== undefined) tests.push(stringOnly(patternTest(node.pattern, v)));
    if (node.format !== undefined) {
      if (!FORMATS.has(node.format)) fail(where, `format ${node.format}`);
      tests.push(stringOnly(`formats.${node.format}(${v})`));
    }
    return tests;
  }

  /**
   * A boolean expression over `v` that is exactly ajv's answer: for conditions (`if`), negations and
   * the `then` that must hold. Definitions are made functions, once each. `known` holds what the
   * caller has already proven (`object:<v>`, `has:<v>:<key>`): those tests are left out, and a
   * definition is written out in place so that they can be left out of it too.
   */
  function exact(node, v, where, known = NOTHING_KNOWN) {
    if (node === true) return 'true';
    if (node === false) return 'false';
    const extra = keywords(node).filter((key) => !EXACT.has(key));
    if (extra.length > 0) fail(where, `keyword ${extra[0]} in a condition`);
    const isType = (type) => node.type === type;
    const only = (type) => (test) => (isType(type) || known.has(`${type}:${v}`) ? test : `(!${TYPE_TEST[type](v)} || ${test})`);
    const tests = valueTests(node, v, where, (test) => (isType('string') ? test : `(typeof ${v} !== "string" || ${test})`), known);
    const objectOnly = only('object');
    const required = (node.required ?? []).filter((key) => !known.has(`has:${v}:${key}`));
    if (required.length) tests.push(objectOnly(required.map((key) => has(v, key)).join(' && ')));
    // The tests are all to hold, so past the required ones their keys are known to be there.
    const present = new Set([...known, ...required.map((key) => `has:${v}:${key}`)]);
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const value = property(v, key);
      const test = exact(child, value, `${where}/${key}`, known);
      tests.push(objectOnly(present.has(`has:${v}:${key}`) ? test : `(!${has(v, key)} || ${test})`));
    }
    for (const [source, child] of Object.entries(node.patternProperties ?? {})) {
      if (typeof child !== 'boolean') fail(where, 'patternProperties with a schema that is not true or false');
      if (child) continue;
      const literal = /^\^((?:[A-Za-z0-9_-]|\\\.)+)$/.exec(source)?.[1]?.replace(/\\\./g, '.');
      const name = helper(`someKey${helpers.size}`, '');
      const test = literal ? `key.startsWith(${JSON.stringify(literal)})` : `${pattern(source)}.test(key)`;
      helpers.set(name, `function ${name}(object) { for (const key in object) if (${test}) return true; return false; }`);
      tests.push(objectOnly(`!${name}(${v})`));
    }
    if (node.not !== undefined) tests.push(`!(${exact(node.not, v, `${where}/not`, known)})`);
    if (node.anyOf) tests.push(`(${node.anyOf.map((branch, i) => exact(branch, v, `${where}/anyOf/${i}`, known)).join(' || ')})`);
    if (node.allOf) tests.push(...node.allOf.map((branch, i) => exact(branch, v, `${where}/allOf/${i}`, known)));
    if (node.if !== undefined) tests.push(conditional(node, v, where, known));
    if (node.$ref !== undefined && known !== NOTHING_KNOWN) {
      if (inlining.has(node.$ref)) fail(where, `${node.$ref} refers to itself`);
      inlining.add(node.$ref);
      tests.push(`(${exact(resolve(node.$ref, where), v, node.$ref, known)})`);
      inlining.delete(node.$ref);
    } else if (node.$ref !== undefined) {
      const name = `exact_${node.$ref.replace(/\W/g, '_')}`;
      if (!helpers.has(name)) {
        helpers.set(name, ''); // reserved first: a definition may refer to another
        helpers.set(name, `function ${name}(value) { return ${exact(resolve(node.$ref, where), 'value', node.$ref)}; }`);
      }
      tests.push(`${name}(${v})`);
    }
    return tests.length > 0 ? tests.join(' && ') : 'true';
  }

  /**
   * A boolean expression over `v`, for a value that holds no properties, that is true only when ajv
   * would accept the value and no rule would warn of it: a value the schema allows only as a warned
   * definition (null or "" for "not set") is never plain.
   */
  function leaf(node, v, where) {
    if (typeof node === 'boolean') fail(where, 'a boolean schema');
    const extra = keywords(node).filter((key) => !LEAF.has(key));
    if (extra.length > 0) fail(where, `keyword ${extra[0]}`);
    const isString = node.type === 'string';
    const tests = valueTests(node, v, where, (test) => (isString ? test : `(typeof ${v} !== "string" || ${test})`));
    if (node.not !== undefined) tests.push(`!(${exact(node.not, v, `${where}/not`)})`);
    if (node.anyOf) {
      // A value the warned branch takes is never plain, whatever else would take it too.
      const warned = node.anyOf.filter((branch) => WARNED.has(branch.$ref));
      for (const branch of warned) tests.push(`!(${exact(branch, v, `${where}/anyOf`)})`);
      const others = node.anyOf.filter((branch) => !warned.includes(branch));
      tests.push(`(${others.map((branch, i) => plainBranch(branch, v, `${where}/anyOf/${i}`)).join(' || ') || 'false'})`);
    }
    if (node.$ref !== undefined) tests.push(WARNED.has(node.$ref) ? 'false' : leaf(resolve(node.$ref, where), v, node.$ref));
    return tests.length > 0 ? tests.join(' && ') : 'true';
  }

  /** One branch of a leaf's anyOf: an object or array there is never plain (it would hold properties). */
  function plainBranch(node, v, where) {
    if (node.type === 'object' || node.type === 'array') return 'false';
    return leaf(node, v, where);
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

  /** `if`/`then`/`else` as ajv decides it: the condition is evaluated once, then one branch. */
  function conditional(node, v, where, known = NOTHING_KNOWN) {
    const then = node.then === undefined ? 'true' : exact(node.then, v, `${where}/then`, known);
    const otherwise = node.else === undefined ? 'true' : exact(node.else, v, `${where}/else`, known);
    return `((${exact(node.if, v, `${where}/if`, known)}) ? (${then}) : (${otherwise}))`;
  }

  /**
   * What an object function knows once its loop has passed: `data` is an object, its required keys
   * are there, and a required key whose schema is an object's holds an object (its own function
   * said so). Its conditions need not test any of it again.
   */
  function provenFacts(node) {
    const known = new Set(['object:data']);
    for (const key of node.required ?? []) {
      known.add(`has:data:${key}`);
      if (node.properties?.[key]?.type === 'object') known.add(`object:${property('data', key)}`);
    }
    return known;
  }

  /** The object's own if/then/else and those of its allOf: each must hold. */
  function conditionals(node, where) {
    const nodes = [];
    if (('if' in node) !== ('then' in node || 'else' in node)) fail(where, 'then or else without if, or if without either');
    if (node.if) nodes.push([node, where]);
    (node.allOf ?? []).forEach((item, i) => {
      const extra = keywords(item).filter((key) => !['if', 'then', 'else'].includes(key));
      if (extra.length > 0 || !item.if) fail(`${where}/allOf/${i}`, 'an allOf item that is not an if/then/else');
      nodes.push([item, `${where}/allOf/${i}`]);
    });
    const known = provenFacts(node);
    return nodes.map(([item, at]) => `\n  if (!${conditional(item, 'data', at, known)}) return -1;`).join('');
  }

  function objectFunction(node, where) {
    const extra = keywords(node).filter((key) => !OBJECT.has(key));
    if (extra.length > 0) fail(where, `keyword ${extra[0]}`);
    const name = `object${functions.length}`;
    functions.push(''); // reserves the name; filled in below
    const slot = functions.length - 1;
    const properties = node.properties;
    if (!properties || Object.keys(properties).length === 0) {
      // Any content is allowed, so there is nothing to prove quickly: the full way.
      functions[slot] = `function ${name}() { return -1; }`;
      return name;
    }
    // additionalProperties needs nothing: a key beyond `properties` is never plain (unknown-key).
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
  if (found !== ${all}) return -1;${conditionals(node, where)}
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
    // Leaves are primitives, which ajv and a Set compare alike; a few items are compared directly.
    const unique = node.uniqueItems
      ? `\n    if (seen === undefined) { for (let j = 0; j < i; j++) if (data[j] === value) return -1; }\n    else if (seen.size === seen.add(value).size) return -1;`
      : '';
    const seen = node.uniqueItems ? `\n  const seen = data.length > ${SHORT_ARRAY} ? new Set() : undefined;` : '';
    functions[slot] = `function ${name}(data) {
  if (!Array.isArray(data)) return -1;
  let count = 0;${seen}
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    ${checkStatements(node.items, 'value', `${where}/items`)}${unique}
  }
  return count;
}`;
    return name;
  }

  /**
   * The most keys a plainly valid value can hold: each object's own, and what its values hold. An
   * array of values that hold keys makes it unbounded.
   */
  function mostKeys(node) {
    if (node.type === 'object') return Object.values(node.properties ?? {}).reduce((sum, child) => sum + 1 + mostKeys(child), 0);
    if (node.type === 'array') return mostKeys(node.items ?? {}) === 0 ? 0 : Infinity;
    return 0;
  }

  const root = compile(schema, '');
  if (!root.fn) fail('', 'the root is not an object or an array');
  return `// Generated from schemas/ecwid-instance.schema.json by scripts/plain-check.js: do not edit.
import { formats } from '../uri-format.js';
${patterns.map((source, index) => `const pattern${index} = new RegExp(${JSON.stringify(source)}, "u");`).join('\n')}

${[...helpers.values(), ...functions].join('\n\n')}

// plainCheck(data): the properties the data holds when it is plainly valid, else -1. It is the root
// function itself rather than a wrapper around it: a call less on every file.
export { ${root.fn} as plainCheck };

// The most keys a plainly valid file holds: a text with more is not plainly valid, unread.
export const MOST_KEYS = ${mostKeys(schema)};
`;
}
