// The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml), read as their
// runners read them. The action's script runs in bash as GitHub runs it, with `npx` replaced by a
// stand-in that records its arguments, or that runs this build's bin/ in its place.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { bin, fixtures, root } from './helpers/paths.js';

const folder = mkdtempSync(join(tmpdir(), 'ecwid-instance-integrations-'));
after(() => rmSync(folder, { recursive: true, force: true }));
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'));
const hooks = parse(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Stand-ins for npx: one writes its arguments to a file, one per line; one runs bin/ instead of the package. */
const recorder = join(folder, 'record');
const runner = join(folder, 'run');
mkdirSync(join(recorder), { recursive: true });
mkdirSync(join(runner), { recursive: true });
writeFileSync(join(recorder, 'npx'), `#!/bin/bash\nprintf '%s\\n' "$@" > "$NPX_ARGS"\n`);
writeFileSync(join(runner, 'npx'), `#!/bin/bash\nshift 2\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} "$@"\n`);
chmodSync(join(recorder, 'npx'), 0o755);
chmodSync(join(runner, 'npx'), 0o755);

/** Runs the action's step as GitHub would: its env with the inputs (or their defaults) put in, under bash -eo pipefail. */
function runAction(inputs, { npx = recorder, cwd = folder } = {}) {
  const [step] = action.runs.steps;
  const env = { PATH: `${npx}:${process.env.PATH}`, NPX_ARGS: join(folder, 'args'), NO_COLOR: '1' };
  for (const [name, expression] of Object.entries(step.env)) {
    const input = /^\$\{\{ inputs\.(\w+) \}\}$/.exec(expression)[1];
    env[name] = inputs[input] ?? action.inputs[input].default;
  }
  rmSync(env.NPX_ARGS, { force: true });
  const script = join(folder, 'step.sh');
  writeFileSync(script, step.run);
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8' });
  let args;
  try {
    args = readFileSync(env.NPX_ARGS, 'utf8').split('\n').slice(0, -1);
  } catch {
    args = undefined;
  }
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, args };
}

describe('GitHub Action', () => {
  test('is a composite action with the inputs paths, strict and version', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs), ['paths', 'strict', 'version']);
    assert.equal(action.runs.steps[0].shell, 'bash');
    assert.doesNotMatch(action.runs.steps[0].run, /\$\{\{/, 'inputs come through env, never into the script text');
  });

  test('by default it checks ./instance.json with GitHub annotations', () => {
    const { code, args } = runAction({});
    assert.equal(code, 0);
    assert.deepEqual(args, ['--yes', 'ecwid-instance@latest', 'validate', '--format', 'github', '--', 'instance.json']);
  });

  test('paths on lines or between spaces, globs left for ecwid-instance; strict; a pinned version', () => {
    writeFileSync(join(folder, 'a.json'), '{}'); // a glob the shell could expand, if it were allowed to
    const { code, args } = runAction({ paths: 'configs/ *.json\n  extra/**/*.json\n', strict: 'true', version: '0.1.0' });
    assert.equal(code, 0);
    assert.deepEqual(args, ['--yes', 'ecwid-instance@0.1.0', 'validate', '--format', 'github', '--strict', '--', 'configs/', '*.json', 'extra/**/*.json']);
  });

  const refused = [
    ['strict other than true or false', { strict: 'yes' }, /the strict input must be true or false/],
    ['a version that is not a version or tag', { version: '1.0.0; touch pwned' }, /the version input must be an npm version or tag/],
    ['a version that would be read as an option', { version: '-v' }, /the version input/],
  ];
  for (const [what, inputs, message] of refused) {
    test(`refuses ${what}, before running anything`, () => {
      const { code, stderr, args } = runAction(inputs);
      assert.equal(code, 2);
      assert.match(stderr, message);
      assert.equal(args, undefined);
    });
  }

  test('the command it builds runs: annotations for the broken file, exit 1', () => {
    const { code, stdout } = runAction({ paths: `${join(fixtures, 'valid')} ${join(fixtures, 'invalid/docs-template.json')}` }, { npx: runner });
    assert.equal(code, 1);
    assert.match(stdout, /^::error file=.*docs-template\.json,line=\d+/m);
  });
});

describe('pre-commit hook', () => {
  const [hook] = hooks;

  test('runs the package\'s own command, in node', () => {
    assert.equal(hooks.length, 1);
    assert.equal(hook.id, 'ecwid-instance-validate');
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'ecwid-instance validate');
    assert.ok(Object.hasOwn(pkg.bin, hook.entry.split(' ')[0]), 'the entry is a bin of the package');
    assert.deepEqual(hook.types, ['json']);
  });

  test('matches instance files by name, and no other JSON', () => {
    const files = new RegExp(hook.files);
    for (const name of ['instance.json', 'configs/instance.json', 'configs/eu.instance.json', 'shop-instance.json']) assert.match(name, files);
    for (const name of ['package.json', 'tsconfig.json', 'instances.json', 'instance.json.bak', 'configs/myinstance.json']) assert.doesNotMatch(name, files);
  });

  test('as pre-commit runs it, with the matching files after the entry', () => {
    const entry = hook.entry.split(' ').slice(1);
    const good = spawnSync(process.execPath, [bin, ...entry, join(fixtures, 'valid/minimal-no-events.json')], { encoding: 'utf8' });
    assert.equal(good.status, 0, good.stderr);
    const bad = spawnSync(process.execPath, [bin, ...entry, join(fixtures, 'invalid/docs-template.json')], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /docs-template\.json:\d+:\d+: error: /);
  });
});
