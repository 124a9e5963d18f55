import { fileURLToPath } from 'node:url';

export const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
export const root = fileURLToPath(new URL('../../', import.meta.url));
export const bin = fileURLToPath(new URL('../../bin/ecwid-instance.js', import.meta.url));
