import { toJson } from '../text/escape.js';

/** The finished values an instance file is built from. */
export interface InstanceSettings {
  storeId: string;
  orderKey: string;
  productKey: string;
  eventsEnabled: boolean;
  /** Written only when events are enabled. */
  callbackUrl?: string | undefined;
  /** Optional webhook signature key; written only when events are enabled. */
  signatureKey?: string | undefined;
  name: string;
  tags: readonly string[];
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
 * strings, as Cloud Elements stores them. The callback URL and signature key only serve events, so
 * they are left out when events are off (validate would warn about an unused callback URL).
 */
export function buildInstance(settings: InstanceSettings): EcwidInstance {
  const configuration: Record<string, string> = {
    'ecwid.order.key': settings.orderKey,
    'ecwid.product.key': settings.productKey,
    'ecwid.store.id': settings.storeId,
    'event.notification.enabled': settings.eventsEnabled ? 'true' : 'false',
  };
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
