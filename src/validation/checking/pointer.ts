/** JSON Pointer segments (RFC 6901): `~` is written `~0` and `/` is written `~1`. */
export function escapePointerSegment(segment: string): string {
  if (segment.indexOf('~') === -1 && segment.indexOf('/') === -1) return segment; // the usual case
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointerSegment(segment: string): string {
  if (segment.indexOf('~') === -1) return segment; // the usual case
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The keys (and array indexes) a pointer names, unescaped: `/a~1b/0` is `a/b` then `0`. */
export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(unescapePointerSegment);
}

/** The last key a pointer names, unescaped. */
export function lastSegment(pointer: string): string {
  return unescapePointerSegment(pointer.slice(pointer.lastIndexOf('/') + 1));
}
