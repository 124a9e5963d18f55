// The published package, as a user gets it: packed with `npm pack`, installed from the tarball into
// a new project without the network, and run from there. Its dependencies come from npm's cache
// (where `npm ci` left them) through a lockfile made from this project's own, so the install needs
// no registry. One install serves every test; it takes a few seconds.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { fixtures, root } from './helpers/paths.js';

const run = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const folder = mkdtempSync(join(tmpdir(), 'ecwid-instance-pack-'));
const project = join(folder, 'project');
const installed = join(project, 'node_modules', pkg.name);
// Quiet npm: no audit, fund or update notices, and never the registry.
const npmEnv = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_offline: 'true' };
const cliEnv = { ...process.env, ECWID_INSTANCE_CONFIG_DIR: join(folder, 'config'), NO_COLOR: '1' };
let packed; // npm pack --json's entry for the tarball
let install; // the output of npm ci in the new project

after(() => rmSync(folder, { recursive: true, force: true }));

/**
 * A lockfile for a project that depends only on the tarball: this project's own entries for the
 * packages a user installs (not the ones only building and testing need), so `npm ci --offline`
 * takes each from the cache by its integrity.
 */
function lockfileFor(tarball) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const own = lock.packages[''];
  const packages = {
    '': { name: 'project', dependencies: { [pkg.name]: `file:${tarball}` } },
    [`node_modules/${pkg.name}`]: { version: pkg.version, resolved: `file:${tarball}`, license: own.license, dependencies: own.dependencies, bin: own.bin, engines: own.engines },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path !== '' && !entry.dev) packages[path] = entry;
  return { name: 'project', lockfileVersion: 3, requires: true, packages };
}

before(async () => {
  // Packs the build that `npm test` has just made: prepare would build it again.
  const { stdout } = await run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], { cwd: root, env: npmEnv });
  [packed] = JSON.parse(stdout);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'project', private: true, dependencies: { [pkg.name]: `file:../${packed.filename}` } }));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify(lockfileFor(`../${packed.filename}`)));
  install = await run(npm, ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: project, env: npmEnv });
});

/** Runs the installed command the way a user's shell would find it. */
function cli(args, options = {}) {
  return run(join(project, 'node_modules/.bin/ecwid-instance'), args, { cwd: project, env: cliEnv, ...options }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('the packed package', () => {
  test('holds only what runs: bin, the bundle and its code cache, the library, the schema, README, LICENSE', () => {
    const files = packed.files.map((file) => file.path).sort();
    const allowed = /^(bin\/[^/]+|dist\/bundle\/[^/]+|dist\/webhooks\/[^/]+\.(js|d\.ts)|schemas\/[^/]+\.json|package\.json|README\.md|LICENSE)$/;
    assert.deepEqual(files.filter((file) => !allowed.test(file)), []);
    for (const needed of ['bin/ecwid-instance.js', 'bin/load-bundle.js', 'dist/bundle/cli.js', 'dist/bundle/cli.cache', 'dist/bundle/help.json', 'dist/bundle/import-esm.js', 'schemas/ecwid-instance.schema.json', 'LICENSE', 'README.md']) {
      assert.ok(files.includes(needed), `${needed} is packed`);
    }
  });

  test('installs from the tarball without the network, with no install script to approve', () => {
    assert.doesNotMatch(install.stderr, /install-scripts|ERR!/);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    for (const hook of ['preinstall', 'install', 'postinstall']) assert.equal(manifest.scripts?.[hook], undefined, `no ${hook} script`);
  });

  test('prepare, which builds a clone, does nothing in an installed copy, where there is nothing to build', async () => {
    const { stdout, stderr } = await run(npm, ['run', 'prepare', '--silent'], { cwd: installed, env: npmEnv });
    assert.equal(stdout + stderr, '');
  });

  test('--version', async () => {
    assert.deepEqual(await cli(['--version']), { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  test('validate: a valid file, and a broken one (its line and column come from a lazily loaded dependency)', async () => {
    assert.deepEqual(await cli(['validate', join(fixtures, 'valid/minimal-no-events.json')]), { code: 0, stdout: '1 file checked: 1 valid, 0 invalid (0 errors, 0 warnings)\n', stderr: '' });
    const broken = join(folder, 'broken.json');
    writeFileSync(broken, '{\n  "element": { "key": "ecwid" ],\n}\n');
    const result = await cli(['validate', broken, '--format', 'json']);
    assert.equal(result.code, 1);
    const [problem] = JSON.parse(result.stdout).files[0].problems;
    assert.equal(problem.rule, 'syntax');
    assert.equal(problem.line, 2);
  });

  test('urls', async () => {
    const result = await cli(['urls', '--store-id', '4870020', '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).ionCannonUrl, 'https://api.cloud-elements.com/elements/api-v2/events/ecwid');
  });

  test('schema prints the packed schema', async () => {
    const result = await cli(['schema']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, readFileSync(join(root, 'schemas/ecwid-instance.schema.json'), 'utf8'));
  });
});

describe('the packed library', () => {
  test('imports by the package name, with its types beside it', async () => {
    const script = `const library = await import(${JSON.stringify(pkg.name)}); console.log(Object.keys(library).sort().join(' '));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
    assert.match(stdout, /\bverifyWebhookSignature\b/);
    const types = pkg.exports['.'].types ?? pkg.types;
    assert.ok(packed.files.some((file) => `./${file.path}` === types || file.path === types), `${types} is packed`);
    assert.doesNotMatch(readFileSync(join(installed, types), 'utf8'), /from '(commander|chalk|conf|@inquirer\/prompts)'/);
  });
});
