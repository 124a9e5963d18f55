import type { ApiTarget } from '../cloud-elements/environments.js';
import type { InstanceClientOptions, PlatformTarget } from '../cloud-elements/instances.js';
import type { PlatformFlags } from './lifecycle-options.js';
import type { Context } from '../context.js';

/** Where, as whom and how patiently the Platform API is called: gathered before anything is sent. */
export interface PlatformSession {
  target: ApiTarget;
  platform: PlatformTarget;
  client: InstanceClientOptions;
}

/**
 * The platform secrets (`--…-file` > variable > masked prompt when a person is there), and the client
 * settings. A missing secret when nothing may be asked is a usage error (exit 2).
 */
export async function openPlatformSession(target: ApiTarget, flags: PlatformFlags, context: Context): Promise<PlatformSession> {
  const { canPrompt } = await import('../context.js');
  const { gatherPlatformSecrets } = await import('../cloud-elements/platform-secrets.js');
  const prompt = canPrompt(context, { input: flags.input, json: flags.json });
  const secrets = await gatherPlatformSecrets(flags, context, { prompt, required: true });
  return {
    target,
    platform: { host: target.host, secrets, version: context.version },
    // The run's list (main starts it): every secret read so far is masked in what an error quotes.
    client: { fetch: context.fetch, timeoutSeconds: flags.timeout, secrets: context.secrets },
  };
}
