// Single large files inside the 8 MiB limit, shaped to find any check that is not linear in the
// file's size: 700,000 distinct tags (uniqueness), and 250,000 unknown configuration keys (a warning
// each, every one located in the text). Each must be checked in under a second.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LEGACY = { 'ecwid.order.key': 'secret_4xY7pQ2wN9', 'ecwid.product.key': 'public_8kL3mZ6vB1', 'ecwid.store.id': '4870020' };

/** The files, with what validate must report for each (checked before timing). */
export const LARGE_FILES = [
  {
    id: 'tags',
    name: '700,000 distinct tags',
    write(path) {
      const tags = Array.from({ length: 700_000 }, (_, i) => `tg${String(i).padStart(6, '0')}`);
      writeFileSync(path, JSON.stringify({ element: { key: 'ecwid' }, configuration: LEGACY, tags, name: 'many-tags' }));
    },
    summary: '1 file checked: 1 valid, 0 invalid',
  },
  {
    id: 'unknown-keys',
    name: '250,000 unknown keys',
    write(path) {
      const configuration = { ...LEGACY };
      for (let i = 0; i < 250_000; i++) configuration[`x.${String(i).padStart(6, '0')}`] = '1';
      writeFileSync(path, `${JSON.stringify({ element: { key: 'ecwid' }, configuration, name: 'many-keys' }, null, 2)}\n`);
    },
    summary: '1 file checked: 1 valid, 0 invalid (0 errors, 250000 warnings)',
  },
];

/** Writes each file into `dir`; returns them with their paths and sizes in MiB. */
export function writeLargeFiles(dir) {
  return LARGE_FILES.map((file) => {
    const path = join(dir, `${file.id}.json`);
    file.write(path);
    return { ...file, path, mib: statSync(path).size / 2 ** 20 };
  });
}
