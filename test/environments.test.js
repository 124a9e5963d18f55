import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEnvironmentName, environmentHost } from '../dist/cloud-elements/environments.js';
import { runCli } from './helpers/cli.js';
import { quoteForeign } from '../dist/text/escape.js';

// Every name an environment may have, and the host it stands for.
const HOSTS = [
  ['us', 'https://api.cloud-elements.com'],
  ['eu', 'https://api.cloud-elements.co.uk'],
  ['staging', 'https://staging.cloud-elements.com'],
  ['sap-us2', 'https://api.openconnectors.us2.ext.hana.ondemand.com'],
  ['sap-eu10', 'https://api.openconnectors.eu10.ext.hana.ondemand.com'],
  ['sap-us10', 'https://api.openconnectors.us10.ext.hana.ondemand.com'],
  ['sap-jp20', 'https://api.openconnectors.jp20.ext.hana.ondemand.com'],
  ['sap-ap1', 'https://api.openconnectors.ap1.ext.hana.ondemand.com'],
  ['sap-trial-ap21', 'https://api.openconnectors.trial.ap21.ext.hana.ondemand.com'],
  ['sap-trial-us10', 'https://api.openconnectors.trial.us10.ext.hana.ondemand.com'],
  ['sap-trial-eu10', 'https://api.openconnectors.trial.eu10.ext.hana.ondemand.com'],
];

// Names that are none: wrong case, a region of the wrong shape, a host's other parts, injection.
const BAD = ['mars', '', 'US', 'sap-US10', 'sap-', 'sap-us', 'sap-u10', 'sap-us100', 'sap-usa10', 'sap-10', 'sap-trial-', 'sap-trial-us', 'sap-trial-trial-us10',
  'trial-us10', 'sap-us10 ', ' sap-us10', 'sap-us10.evil.com', 'sap-us10/x', 'sap-us10\n', 'sap-eu10-trial', 'toString', '__proto__', 'constructor'];

test('every environment name maps to its API host', () => {
  for (const [name, host] of HOSTS) {
    assert.equal(environmentHost(name), host, name);
    assert.equal(checkEnvironmentName(name), name, name);
  }
});

test('a name that is none has no host and is a usage error listing the names and the patterns', () => {
  for (const name of BAD) {
    assert.equal(environmentHost(name), undefined, JSON.stringify(name));
    assert.throws(() => checkEnvironmentName(name, 'config environment'), (error) => {
      assert.equal(error.exitCode, 2);
      assert.equal(error.message, `config environment: unknown environment ${quoteForeign(name)}`);
      assert.match(error.hint, /^Use one of: us, eu, staging, sap-us2, sap-eu10, sap-<region> or sap-trial-<region> \(a region is two letters and one or two digits, such as us10\)/);
      return true;
    });
  }
});

test('--environment, CLOUD_ELEMENTS_ENVIRONMENT and config environment take the SAP regions', async (t) => {
  const { tempDir } = await import('./helpers/cli.js');
  const dir = tempDir(t);
  const ion = (host) => `${host}/elements/api-v2/events/ecwid\n`;
  const flag = await runCli(['urls', '--store-id', '1', '--environment', 'sap-trial-ap21', '--json']);
  assert.equal(flag.code, 0, flag.stderr);
  assert.equal(JSON.parse(flag.stdout).environment, 'sap-trial-ap21');
  assert.equal(JSON.parse(flag.stdout).ionCannonUrl, ion('https://api.openconnectors.trial.ap21.ext.hana.ondemand.com').trim());
  const variable = await runCli(['urls', '--store-id', '1'], { env: { CLOUD_ELEMENTS_ENVIRONMENT: 'sap-us10' } });
  assert.equal(variable.stdout, `https://my.ecwid.com/store/1#legacy_api\n${ion('https://api.openconnectors.us10.ext.hana.ondemand.com')}`);
  const set = await runCli(['config', 'set', 'environment', 'sap-jp20'], { env: { ECWID_INSTANCE_CONFIG_DIR: dir } });
  assert.equal(set.code, 0, set.stderr);
  const configured = await runCli(['urls', '--store-id', '1'], { env: { ECWID_INSTANCE_CONFIG_DIR: dir } });
  assert.equal(configured.stdout.split('\n')[1], ion('https://api.openconnectors.jp20.ext.hana.ondemand.com').trim());
  const bad = await runCli(['config', 'set', 'environment', 'sap-jp200'], { env: { ECWID_INSTANCE_CONFIG_DIR: dir } });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^error: config environment: unknown environment "sap-jp200"\nUse one of: .*sap-<region> or sap-trial-<region>/);
});

test('a bad --environment is refused as it is parsed, by every command that takes it', async () => {
  for (const argv of [['urls', '--store-id', '1'], ['init', '--no-input'], ['provision', '--dry-run']]) {
    const r = await runCli([...argv, '--environment', 'sap-trial-us']);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.stderr, /^error: --environment: unknown environment "sap-trial-us"\nUse one of: us, eu, staging, sap-us2, sap-eu10, sap-<region> or sap-trial-<region>/, argv.join(' '));
  }
});
