// The init wizard's questions and steps, driven by a fake prompter that runs each real `validate`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CliError } from '../dist/errors.js';
import { buildInstance, serializeInstance } from '../dist/instance/build-instance.js';
import { initReport, summaryText } from '../dist/init/summary.js';
import {
  callbackUrlQuestion,
  nameQuestion,
  orderKeyQuestion,
  productKeyQuestion,
  storeIdQuestion,
  tagsQuestion,
} from '../dist/init/questions.js';
import { askEvents, confirmOverwrite, runWizard } from '../dist/init/wizard.js';
import { scriptedPrompter } from './helpers/fake-prompter.js';

const HOST = 'https://api.cloud-elements.com';

function wizardContext(script, values = {}) {
  return {
    prompt: script.prompter,
    say: script.say,
    suggestedAuthType: 'custom',
    authType: 'custom',
    target: { environment: 'us', host: HOST },
    output: 'instance.json',
    overwrite: false,
    outputExists: async () => false,
    ...values,
  };
}

describe('question validation', () => {
  const cases = [
    [storeIdQuestion, '4870020', true],
    [storeIdQuestion, ' 4870020 ', true],
    [storeIdQuestion, '', 'the store ID must be digits, such as 4870020'],
    [storeIdQuestion, 'store-1', 'the store ID must be digits, such as 4870020'],
    [storeIdQuestion, '1'.repeat(129), 'the store ID is too long: 129 digits, at most 128'],
    [orderKeyQuestion, 'secret_abcDEF123', true],
    [orderKeyQuestion, '', 'the Order API secret must not be empty'],
    [orderKeyQuestion, 'two words', 'the Order API secret must not contain spaces or line breaks'],
    [orderKeyQuestion, 'x'.repeat(129), 'the Order API secret must be at most 128 characters'],
    [orderKeyQuestion, '<INSERT_API_ORDER_SECRET>', 'the Order API secret is still a docs placeholder: paste the real one'],
    [productKeyQuestion, 'public_abcDEF123', true],
    [productKeyQuestion, 'tab\there', 'the Product API secret must not contain spaces or line breaks'],
    [callbackUrlQuestion, 'https://example.com/ecwid/events', true],
    [callbackUrlQuestion, 'http://localhost:3000/events', true],
    [callbackUrlQuestion, 'example.com/events', 'the callback URL must be an absolute http(s) URL, such as https://example.com/ecwid/events'],
    [callbackUrlQuestion, 'ftp://example.com/', 'the callback URL must be an absolute http(s) URL, such as https://example.com/ecwid/events'],
    [callbackUrlQuestion, 'https://example.com/a b', 'the callback URL is not a valid URL: percent-encode spaces and other special characters (a space is %20)'],
    [nameQuestion('1'), 'Shop EU', true],
    [nameQuestion('1'), '   ', 'the name must not be empty'],
    [nameQuestion('1'), '<INSERT_INSTANCE_NAME>', 'the name is still a docs placeholder'],
    [tagsQuestion, '', true],
    [tagsQuestion, 'production, eu', true],
    [tagsQuestion, 'eu, production, eu', 'the tag "eu" is given twice'],
    [tagsQuestion, 'eu, <Add_Your_Tag>', 'the tag "<Add_Your_Tag>" is still a docs placeholder'],
  ];
  for (const [question, answer, expected] of cases) {
    test(`${question.message}: ${JSON.stringify(answer.length > 40 ? `${answer.slice(0, 10)}…` : answer)} → ${expected === true ? 'accepted' : expected}`, () => {
      assert.equal(question.validate(answer), expected);
    });
  }

  test('the name defaults to ecwid-<store id>', () => {
    assert.equal(nameQuestion('4870020').default, 'ecwid-4870020');
  });
});

describe('the wizard', () => {
  test('asks everything in the documented order, re-asking invalid answers with the reason', async () => {
    const script = scriptedPrompter([
      '',
      'abc', ' 4870020 ',
      'has space', 'secret_abcDEF123',
      'public_abcDEF123',
      '',
      true,
      'example.com', 'https://example.com/ecwid/events',
      true,
      '',
      'eu, eu', 'production, eu',
    ]);
    const ctx = await runWizard(wizardContext(script, { authType: undefined, target: undefined }));
    assert.deepEqual(script.remaining, []);
    assert.deepEqual(
      script.transcript.map((e) => (e.say !== undefined ? `say: ${e.say.trim().split('\n').pop().trim()}` : `${e.kind}: ${e.message} ${JSON.stringify(e.rejected)}`)),
      [
        'select: How does the instance authenticate to Ecwid? []',
        'input: Ecwid store ID ["the store ID must be digits, such as 4870020"]',
        'say: https://my.ecwid.com/store/4870020#legacy_api',
        'password: Order API secret ["the Order API secret must not contain spaces or line breaks"]',
        'password: Product API secret []',
        'select: Cloud Elements environment []',
        'confirm: Send Ecwid order events to your app (webhooks)? []',
        'input: Callback URL of your app (where Cloud Elements sends the events) ["the callback URL must be an absolute http(s) URL, such as https://example.com/ecwid/events"]',
        'say: https://api.cloud-elements.com/elements/api-v2/events/ecwid',
        'confirm: Sign events so that your app can check they come from Cloud Elements? []',
        'input: Instance name []',
        'input: Tags, comma-separated (optional) ["the tag \\"eu\\" is given twice"]',
      ],
    );
    assert.deepEqual([script.transcript[0].choices, script.transcript[0].default], [['custom', 'oauth2'], 'custom']);
    assert.match(script.transcript[2].say, /Open this page while logged in to your Ecwid store, and copy both the Order and the Product API secret:/);
    assert.deepEqual([script.transcript[5].choices, script.transcript[5].default], [['us', 'eu', 'staging', 'sap-us2', 'sap-eu10'], 'us']);
    assert.match(script.transcript[8].say, /paste this ION Cannon URL into the "ION Cannon endpoint URL" field/);
    assert.equal(script.transcript[6].default, false, 'events default off without a callback URL');
    assert.equal(script.transcript[9].default, true, 'signing defaults to yes');
    assert.equal(script.transcript[10].default, 'ecwid-4870020');
    assert.deepEqual(
      { storeId: ctx.storeId, orderKey: ctx.orderKey, productKey: ctx.productKey, events: ctx.events, callbackUrl: ctx.callbackUrl, name: ctx.name, tags: ctx.tags, overwrite: ctx.overwrite },
      { storeId: '4870020', orderKey: 'secret_abcDEF123', productKey: 'public_abcDEF123', events: true, callbackUrl: 'https://example.com/ecwid/events', name: 'ecwid-4870020', tags: ['production', 'eu'], overwrite: false },
    );
    assert.deepEqual([ctx.authType, ctx.target], ['custom', { environment: 'us', host: HOST }]);
  });

  test('OAuth2: client ID, masked client secret, the redirect URL explained with its suggestion, then the environment', async () => {
    const script = scriptedPrompter([
      'oauth2',
      'my app', ' my-app ',
      'two words', 'client_SECRET_1234',
      'http://example.com/cb', '',
      'sap-eu10',
      true, 'https://example.com/ecwid/events',
      false,
      '', 'shop-eu',
      '',
    ]);
    const ctx = await runWizard(wizardContext(script, { authType: undefined, target: undefined, suggestedAuthType: 'oauth2' }));
    assert.deepEqual(script.remaining, []);
    assert.deepEqual(
      script.transcript.map((e) => (e.say !== undefined ? `say: ${e.say.trim().split('\n').pop().trim()}` : `${e.kind}: ${e.message} ${JSON.stringify(e.rejected)}`)),
      [
        'select: How does the instance authenticate to Ecwid? []',
        'input: Client ID of your Ecwid app ["the client ID must be your Ecwid app\'s client ID, without spaces"]',
        'password: Client secret of your Ecwid app ["the client secret must not contain spaces or line breaks"]',
        'say: you paste the address the browser was sent to.',
        'input: Redirect URL of your Ecwid app ["the redirect URL may use plain http:// only for localhost (the grant code travels in it): use https, such as https://example.com/oauth/callback or http://localhost:8787/callback"]',
        'select: Cloud Elements environment []',
        'confirm: Send Ecwid order events to your app (webhooks)? []',
        'input: Callback URL of your app (where Cloud Elements sends the events) []',
        'say: https://api.openconnectors.eu10.ext.hana.ondemand.com/elements/api-v2/events/ecwid',
        'confirm: Sign events so that your app can check they come from Cloud Elements? []',
        'input: Instance name ["the name must not be empty"]',
        'input: Tags, comma-separated (optional) []',
      ],
    );
    assert.equal(script.transcript[0].default, 'oauth2', 'the values given preselect the type');
    assert.match(script.transcript[3].say, /must equal the redirect URL registered for your Ecwid app/);
    assert.match(script.transcript[3].say, /With http:\/\/localhost:8787\/callback/);
    assert.equal(script.transcript[4].default, 'http://localhost:8787/callback');
    assert.match(script.transcript[8].say, /set it as the webhook URL of your Ecwid app/);
    assert.equal(script.transcript[10].default, undefined, 'no store ID to name an OAuth2 instance after');
    assert.doesNotMatch(JSON.stringify(script.transcript), /legacy_api|store ID|Order API|Product API/);
    assert.deepEqual(
      { authType: ctx.authType, clientId: ctx.clientId, clientSecret: ctx.clientSecret, redirectUrl: ctx.redirectUrl, target: ctx.target, name: ctx.name, storeId: ctx.storeId },
      { authType: 'oauth2', clientId: 'my-app', clientSecret: 'client_SECRET_1234', redirectUrl: 'http://localhost:8787/callback', target: { environment: 'sap-eu10', host: 'https://api.openconnectors.eu10.ext.hana.ondemand.com' }, name: 'shop-eu', storeId: undefined },
    );
  });

  test('asks nothing that flags, environment or config supplied', async () => {
    const script = scriptedPrompter([]);
    const supplied = { storeId: '1', orderKey: 'o_key', productKey: 'p_key', events: false, name: 'n', tags: [] };
    const ctx = await runWizard(wizardContext(script, supplied));
    assert.deepEqual(script.transcript, []);
    assert.equal(ctx.name, 'n');
  });

  test('events off: no callback URL question and no ION Cannon URL', async () => {
    const script = scriptedPrompter([false, 'shop', '']);
    const ctx = await runWizard(wizardContext(script, { storeId: '1', orderKey: 'o_key', productKey: 'p_key' }));
    assert.deepEqual(script.transcript.map((e) => e.message ?? 'say'), ['Send Ecwid order events to your app (webhooks)?', 'Instance name', 'Tags, comma-separated (optional)']);
    assert.equal(ctx.events, false);
    assert.deepEqual(ctx.tags, []);
  });

  test('a known callback URL makes "yes" the default for events, and is not asked again', async () => {
    const script = scriptedPrompter([true]);
    const ctx = { callbackUrl: 'https://example.com/e', prompt: script.prompter };
    await askEvents(ctx);
    assert.equal(script.transcript[0].default, true);
    assert.equal(ctx.events, true);
  });

  test('only the missing secret is asked, after the Legacy API Key URL', async () => {
    const script = scriptedPrompter(['public_abcDEF123', false, '', '']);
    await runWizard(wizardContext(script, { storeId: '42', orderKey: 'o_key' }));
    assert.match(script.transcript[0].say, /https:\/\/my\.ecwid\.com\/store\/42#legacy_api/);
    assert.equal(script.transcript[1].message, 'Product API secret');
  });
});

describe('confirm overwrite', () => {
  const base = (script, extra) => ({ output: 'instance.json', overwrite: false, outputExists: async () => true, prompt: script.prompter, ...extra });

  test('an existing file is replaced only when confirmed; the default is no', async () => {
    const yes = scriptedPrompter([true]);
    const ctx = base(yes);
    await confirmOverwrite(ctx);
    assert.equal(ctx.overwrite, true);
    assert.deepEqual(yes.transcript, [{ kind: 'confirm', message: 'instance.json already exists. Replace it?', default: false, rejected: [] }]);
  });

  test('declining cancels (exit 130) before anything is written', async () => {
    const no = scriptedPrompter([false]);
    await assert.rejects(confirmOverwrite(base(no)), (error) => error instanceof CliError && error.exitCode === 130 && error.message === 'Cancelled');
  });

  test('not asked with --force, or when there is no file', async () => {
    for (const extra of [{ overwrite: true }, { outputExists: async () => false }]) {
      const script = scriptedPrompter([]);
      await confirmOverwrite(base(script, extra));
      assert.deepEqual(script.transcript, []);
    }
  });
});

describe('buildInstance', () => {
  const oauthSettings = {
    authType: 'oauth2',
    clientId: 'my-app',
    clientSecret: 'client_SECRET_1234',
    redirectUrl: 'http://localhost:8787/callback',
    eventsEnabled: false,
    name: 'shop',
    tags: [],
  };

  test('OAuth2: authentication.type, the app\'s keys, an optional scope; no store ID, no legacy keys', () => {
    assert.deepEqual(buildInstance(oauthSettings).configuration, {
      'authentication.type': 'oauth2',
      'oauth.api.key': 'my-app',
      'oauth.api.secret': 'client_SECRET_1234',
      'oauth.callback.url': 'http://localhost:8787/callback',
      'event.notification.enabled': 'false',
    });
    assert.equal(buildInstance({ ...oauthSettings, scope: 'read_orders read_catalog' }).configuration['oauth.scope'], 'read_orders read_catalog');
  });

  const settings = {
    storeId: '4870020',
    orderKey: 'secret_abcDEF123',
    productKey: 'public_abcDEF123',
    eventsEnabled: true,
    callbackUrl: 'https://example.com/ecwid/events',
    signatureKey: 'sign_KEY',
    name: 'ecwid-4870020',
    tags: ['production'],
  };

  test('keys in the docs order, values as strings, 2-space JSON with a final newline', () => {
    assert.equal(
      serializeInstance(buildInstance(settings)),
      `{
  "element": {
    "key": "ecwid"
  },
  "configuration": {
    "authentication.type": "custom",
    "ecwid.order.key": "secret_abcDEF123",
    "ecwid.product.key": "public_abcDEF123",
    "ecwid.store.id": "4870020",
    "event.notification.enabled": "true",
    "event.notification.callback.url": "https://example.com/ecwid/events",
    "event.notification.signature.key": "sign_KEY"
  },
  "tags": [
    "production"
  ],
  "name": "ecwid-4870020"
}
`,
    );
  });

  test('events off: "false", no callback URL or signature key; no tags key without tags', () => {
    assert.deepEqual(buildInstance({ ...settings, eventsEnabled: false, tags: [] }), {
      element: { key: 'ecwid' },
      configuration: {
        'authentication.type': 'custom',
        'ecwid.order.key': 'secret_abcDEF123',
        'ecwid.product.key': 'public_abcDEF123',
        'ecwid.store.id': '4870020',
        'event.notification.enabled': 'false',
      },
      name: 'ecwid-4870020',
    });
  });
});

describe('summary', () => {
  const plan = (extra = {}) => ({
    settings: { storeId: '7', orderKey: 'o', productKey: 'p', eventsEnabled: true, callbackUrl: 'https://a.example/e', name: 'shop', tags: [] },
    output: 'configs/shop 1.json',
    overwrite: false,
    target: { environment: 'eu', host: 'https://api.cloud-elements.co.uk' },
    json: false,
    ...extra,
  });

  test('names the file, both URLs and numbered steps that repeat a non-default environment', () => {
    const p = plan();
    assert.equal(
      summaryText(initReport(p), p),
      `Wrote configs/shop 1.json

Legacy API Key URL: https://my.ecwid.com/store/7#legacy_api
ION Cannon URL:     https://api.cloud-elements.co.uk/elements/api-v2/events/ecwid

Next steps:
  1. Open the Legacy API Key URL while logged in to Ecwid, paste the ION Cannon URL into the "ION Cannon endpoint URL" field, and save.
  2. Create the instance on Cloud Elements: ecwid-instance provision 'configs/shop 1.json' --environment eu
`,
    );
  });

  test('a custom host is repeated as --base-url', () => {
    const p = plan({ target: { environment: 'custom', host: 'http://localhost:8080' } });
    assert.match(summaryText(initReport(p), p), /provision 'configs\/shop 1\.json' --base-url http:\/\/localhost:8080\n$/);
  });
});
