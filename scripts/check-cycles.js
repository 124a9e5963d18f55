// Fails when modules under a folder (src/ by default) import each other, directly or around a
// loop: a cycle means two modules that cannot be understood, tested or loaded one without the
// other. Type-only and lazy `import()` imports count too, as they tie the files just the same.
// Run by `npm run lint`; test/layout.test.js holds it to finding a cycle.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import madge from 'madge';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folder = resolve(process.argv[2] ?? join(root, 'src'));
const result = await madge(folder, { fileExtensions: ['ts'], tsConfig: join(root, 'tsconfig.json') });
const cycles = result.circular();
if (cycles.length > 0) {
  process.stderr.write(`check-cycles: ${cycles.length} import cycle(s) under ${folder}:\n`);
  for (const cycle of cycles) process.stderr.write(`  ${[...cycle, cycle[0]].join(' > ')}\n`);
  process.stderr.write('Move the shared part (often an options type) into a module both can import.\n');
  process.exitCode = 1;
}
