// The documentation as a newcomer meets it: a short front page whose quick start works, and links
// that lead somewhere.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { root } from './helpers/paths.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Every Markdown file of the documentation. */
function markdownFiles() {
  const found = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md'].map((name) => join(root, name));
  const walk = (folder) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) found.push(path);
    }
  };
  walk(join(root, 'docs'));
  return found;
}

test('the README is a front page: under 10 KB, with a two-command quick start that runs npm test', () => {
  assert.ok(Buffer.byteLength(readme) < 10 * 1024, `${Buffer.byteLength(readme)} bytes`);
  const quickStart = /## Quick start\n\n```sh\n([^`]*)```/.exec(readme)?.[1];
  assert.deepEqual(quickStart?.trim().split('\n'), ['npm install && npx ecwid-instance init', 'npm test']);
});

test('every relative link in the documentation leads to a file of the repository', () => {
  const broken = [];
  for (const file of markdownFiles()) {
    const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
      const path = join(dirname(file), decodeURI(target.split('#')[0]));
      if (!existsSync(path)) broken.push(`${relative(root, file)}: ${target}`);
    }
  }
  assert.deepEqual(broken, []);
});
