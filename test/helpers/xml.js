// A small, strict XML reader for the JUnit report: elements, attributes, text and the five entities.
// It throws on anything malformed, so a test that parses a report also proves it well-formed.

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text) =>
  text.replace(/&(\w+);/g, (_, name) => {
    if (!(name in ENTITIES)) throw new Error(`unknown entity &${name};`);
    return ENTITIES[name];
  });

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
      attributes[match[1]] = decode(match[2]);
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
