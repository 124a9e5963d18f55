// What the lifecycle tests (provision --update, status, delete) share: instances as the fake account
// holds them, and a run of any command against the fake API that checks no secret leaked.
import { runCli } from './cli.js';
import { ENV, INSTANCE, NAME, assertNoSecret } from './provision-setup.js';

/** An Ecwid instance as stored by the fake platform, in step with the test file unless overridden. */
export function stored(id, overrides = {}) {
  return {
    id,
    name: NAME,
    element: { id: 42, key: 'ecwid' },
    configuration: { ...INSTANCE.configuration, ...overrides.configuration },
    tags: [...INSTANCE.tags],
    createdDate: '2026-11-02T09:30:00Z',
    valid: true,
    disabled: false,
    ...Object.fromEntries(Object.entries(overrides).filter(([key]) => key !== 'configuration')),
  };
}

/** Runs `command` with the real fetch against `api`, and checks that no secret leaked. */
export async function runAgainst(api, command, args, options = {}) {
  const result = await runCli([...command.split(' '), ...args, '--base-url', api.url], { fetch: globalThis.fetch, env: ENV, ...options });
  assertNoSecret(result);
  return result;
}

/** `METHOD /path?query` of every request the fake API received. */
export const seen = (api) => api.state.requests.map((request) => `${request.method} ${request.url}`);
