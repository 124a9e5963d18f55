/** Whether a path argument is a glob pattern rather than a literal path. */
export function isGlob(text: string): boolean {
  return /[*?[\]{}]/.test(text);
}

/**
 * Splits a glob into the folder to walk (its leading literal segments) and a matcher for paths
 * relative to that folder. Supports `**`, `*`, `?`, `[...]` and `{a,b}`; `/` is the separator.
 */
export function compileGlob(pattern: string): { base: string; matches: (relative: string) => boolean } {
  const segments = pattern.replace(/\\/g, '/').split('/');
  const literal: string[] = [];
  while (segments.length > 1 && !isGlob(segments[0] ?? '')) literal.push(segments.shift() as string);
  const base = literal.length === 0 ? '.' : literal.join('/') || '/';
  const regex = new RegExp(`^${segmentsToRegex(segments)}$`);
  return { base, matches: (relative) => regex.test(relative) };
}

function segmentsToRegex(segments: string[]): string {
  let out = '';
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      out += last ? '.*' : '(?:[^/]+/)*';
      return;
    }
    out += segmentToRegex(segment) + (last ? '' : '/');
  });
  return out;
}

function segmentToRegex(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 1);
      if (end === -1) out += '\\[';
      else {
        const body = segment.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else if (c === '{') {
      const end = segment.indexOf('}', i + 1);
      if (end === -1) out += '\\{';
      else {
        const options = segment.slice(i + 1, end).split(',').map(segmentToRegex);
        out += `(?:${options.join('|')})`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return out;
}
