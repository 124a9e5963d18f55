// The library as a user gets it: `npm pack`, unpacked into a fresh ESM project's node_modules (with
// none of the package's dependencies beside it, so importing anything of the command line would fail),
// imported by name, and type-checked with tsc against the package's own .d.ts.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './helpers/cli.js';
import { root } from './helpers/paths.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function packInto(t) {
  const dir = tempDir(t);
  // --ignore-scripts: the test runs on the build `npm test` has just made.
  execFileSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  const project = join(dir, 'app');
  const installed = join(project, 'node_modules/ecwid-instance');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', installed, '--strip-components=1']);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  return project;
}

const APP = `import { verifyWebhookSignature, signWebhookBody, parseNotification, type WebhookNotification } from 'ecwid-instance';

const key: string = 'kQ3v9Zr1mYy7c0p2X4bF6dHjL8sNwEoTuAiRgKlVxBq';
const raw: string = '{"message":{"eventId":"e1","instanceId":7,"events":[{"objectId":"1001","objectType":"orders","eventType":"CREATED"}]}}';
const header: string = signWebhookBody(raw, key);
const ok: boolean = verifyWebhookSignature(new TextEncoder().encode(raw), header, key);
const refused: boolean = verifyWebhookSignature(raw, undefined, key);
const notification: WebhookNotification = parseNotification(raw);
const first = notification.events[0];
const id: string | undefined = first?.objectId;
console.log(JSON.stringify({ header, ok, refused, id, instanceId: notification.instanceId }));
`;

test('the packed package: imported by name, without its dependencies, and type-checked', (t) => {
  const project = packInto(t);
  writeFileSync(join(project, 'app.ts'), APP);
  writeFileSync(join(project, 'app.mjs'), APP.replace(', type WebhookNotification', '').replace(/: (string \| undefined|string|boolean|WebhookNotification)(?= =)/g, ''));
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, types: ['node'], typeRoots: [join(root, 'node_modules/@types')] }, files: ['app.ts'] }),
  );
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
  assert.equal(tsc.status, 0, `tsc: ${tsc.stdout}${tsc.stderr}`);

  const run = spawnSync(process.execPath, ['app.mjs'], { cwd: project, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  // The header as openssl computes it (see fixtures/webhooks/signatures.txt for the command).
  assert.deepEqual(JSON.parse(run.stdout), { header: 'sha256=xAna+kQ0iNxh2UCkQIXu2fIDKBvYXR3sTJ4nm3sL1RM=', ok: true, refused: false, id: '1001', instanceId: '7' });
});

test('a type error in the app is caught: the types are the package’s, not any', (t) => {
  const project = packInto(t);
  writeFileSync(join(project, 'app.ts'), `import { verifyWebhookSignature } from 'ecwid-instance';\nconst n: number = verifyWebhookSignature('{}', undefined, 'k');\nconsole.log(n);\n`);
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] }, files: ['app.ts'] }));
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
  assert.equal(tsc.status, 2);
  assert.match(tsc.stdout, /Type 'boolean' is not assignable to type 'number'/);
});
