import { randomUUID } from 'node:crypto';
import type { SendOptions } from './events-options.js';

/**
 * A callback body as Cloud Elements sends one for an Ecwid order event. The `raw` part stands in for
 * Ecwid's own data, whose exact shape is not published: it only shows that the field is there.
 */
export function sampleCallback(options: Pick<SendOptions, 'event' | 'objectId'>, now: Date, ids: { eventId: string; instanceId: number }): unknown {
  const objectId = options.objectId ?? '1001';
  return {
    message: {
      eventId: ids.eventId,
      instanceId: ids.instanceId,
      elementKey: 'ecwid',
      events: [{ objectId, objectType: 'orders', eventType: options.event.toUpperCase(), elementKey: 'ecwid', date: now.toISOString() }],
      raw: { eventType: `order.${options.event}`, entityId: objectId, eventCreated: Math.floor(now.getTime() / 1000), sample: true },
    },
  };
}

/** Fresh IDs for one sample: the instance ID is a made-up one, marked as such by being 0. */
export function sampleIds(): { eventId: string; webhookId: string; instanceId: number } {
  return { eventId: randomUUID(), webhookId: randomUUID(), instanceId: 0 };
}
