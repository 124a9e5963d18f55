// A small, strict XML reader for the JUnit report: elements, attributes, text, the five entities and
// character references. It throws on anything malformed, so a test that parses a report also proves it
// well-formed; like any conforming parser, it reads a raw tab or line break in an attribute as a space.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text) =>
  text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|\w+);/g, (_, name) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    if (!(name in ENTITIES)) throw new Error(`unknown entity &${name};`);
    return ENTITIES[name];
  });
/** Attribute-value normalization (XML 1.0, 3.3.3): raw white space becomes a space before references are read. */
const decodeAttribute = (text) => decode(text.replace(/[\t\n\r]/g, ' '));

/** @returns {{ name: string, attributes: Record<string,string>, children: any[], text: string }} */
export function parseXml(source) {
  let i = 0;
  const fail = (message) => {
    throw new Error(`${message} at offset ${i}`);
  };
  if (source.startsWith('<?xml')) i = source.indexOf('?>') + 2;
  const skipSpace = () => {
    while (/\s/.test(source[i] ?? '')) i++;
  };
  const element = () => {
    if (source[i] !== '<') fail('expected <');
    i++;
    const name = /^[A-Za-z_][\w.-]*/.exec(source.slice(i))?.[0] ?? fail('expected a name');
    i += name.length;
    const attributes = {};
    for (;;) {
      skipSpace();
      if (source.startsWith('/>', i)) {
        i += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (source[i] === '>') break;
      const match = /^([A-Za-z_][\w.-]*)="([^"<]*)"/.exec(source.slice(i)) ?? fail('bad attribute');
      if (match[1] in attributes) fail(`duplicate attribute ${match[1]}`);
      attributes[match[1]] = decodeAttribute(match[2]);
      i += match[0].length;
    }
    i++;
    const children = [];
    let text = '';
    for (;;) {
      if (i >= source.length) fail(`unclosed <${name}>`);
      if (source.startsWith(`</${name}>`, i)) {
        i += name.length + 3;
        return { name, attributes, children, text };
      }
      if (source.startsWith('</', i)) fail(`mismatched close tag inside <${name}>`);
      if (source[i] === '<') children.push(element());
      else {
        const end = source.indexOf('<', i);
        if (end === -1) fail('text runs to the end');
        text += decode(source.slice(i, end));
        i = end;
      }
    }
  };
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== source.length) fail('content after the root element');
  return root;
}

const junitSchema = readFileSync(fileURLToPath(new URL('../fixtures/junit/junit-10-rules.xsd', import.meta.url)), 'utf8');

/** Validates a JUnit report with libxml2 (xmllint, as WebAssembly) against the Jenkins xunit rules. */
export async function junitSchemaErrors(xml) {
  const { validateXML } = await import('xmllint-wasm');
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [{ fileName: 'junit-10-rules.xsd', contents: junitSchema }] });
  return result.errors.map((error) => error.rawMessage);
}
