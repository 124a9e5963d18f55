import { toJson } from '../text/escape.js';
import type { AuthType } from './auth-type.js';

/** What every instance file holds, whichever way it authenticates. */
interface CommonSettings {
  eventsEnabled: boolean;
  /** Written only when events are enabled. */
  callbackUrl?: string | undefined;
  /** Optional webhook signature key; written only when events are enabled. */
  signatureKey?: string | undefined;
  name: string;
  tags: readonly string[];
}

/** The legacy keys (`custom`): the store ID and the Order and Product API secrets. */
export interface LegacySettings extends CommonSettings {
  authType?: 'custom' | undefined;
  storeId: string;
  orderKey: string;
  productKey: string;
}

/** An Ecwid app (`oauth2`): its client ID and secret and its redirect URL; the grant code comes at provisioning. */
export interface OAuthSettings extends CommonSettings {
  authType: 'oauth2';
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  /** Optional space-separated Ecwid scopes; the platform's default otherwise. */
  scope?: string | undefined;
}

/** The finished values an instance file is built from. */
export type InstanceSettings = LegacySettings | OAuthSettings;

export function settingsAuthType(settings: InstanceSettings): AuthType {
  return settings.authType === 'oauth2' ? 'oauth2' : 'custom';
}

/** An Ecwid instance file: the request body of `POST /instances`, keys in the docs' order. */
export interface EcwidInstance {
  element: { key: 'ecwid' };
  configuration: Record<string, string>;
  tags?: string[];
  name: string;
}

/**
 * Builds the instance from finished settings. Pure: no I/O, no defaults decided here. Values are
 * strings, as Cloud Elements stores them. `authentication.type` is always written: whether the platform
 * assumes one when it is absent is not documented. The callback URL and signature key only serve
 * events, so they are left out when events are off (validate would warn about an unused callback URL).
 */
export function buildInstance(settings: InstanceSettings): EcwidInstance {
  const configuration: Record<string, string> =
    settings.authType === 'oauth2'
      ? {
          'authentication.type': 'oauth2',
          'oauth.api.key': settings.clientId,
          'oauth.api.secret': settings.clientSecret,
          'oauth.callback.url': settings.redirectUrl,
          ...(settings.scope === undefined ? {} : { 'oauth.scope': settings.scope }),
        }
      : {
          'authentication.type': 'custom',
          'ecwid.order.key': settings.orderKey,
          'ecwid.product.key': settings.productKey,
          'ecwid.store.id': settings.storeId,
        };
  configuration['event.notification.enabled'] = settings.eventsEnabled ? 'true' : 'false';
  if (settings.eventsEnabled && settings.callbackUrl !== undefined) configuration['event.notification.callback.url'] = settings.callbackUrl;
  if (settings.eventsEnabled && settings.signatureKey !== undefined) configuration['event.notification.signature.key'] = settings.signatureKey;
  return {
    element: { key: 'ecwid' },
    configuration,
    ...(settings.tags.length > 0 ? { tags: [...settings.tags] } : {}),
    name: settings.name,
  };
}

/** The file's text: 2-space JSON with a final newline. */
export function serializeInstance(instance: EcwidInstance): string {
  return `${toJson(instance, 2)}\n`;
}
