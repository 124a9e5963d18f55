// Reading a Cloud Elements callback body into typed events. Only `objectId`, `objectType` and
// `eventType` are normalized by Cloud Elements; the rest is Ecwid's own data, whose exact shape is not
// published. So this reads what it recognises and keeps everything else, never failing on a shape.
import { isUtf8 } from 'node:buffer';

/** The kinds of change Cloud Elements reports. Other values are passed through as they came. */
export type WebhookEventType = 'CREATED' | 'UPDATED' | 'DELETED' | 'UNKNOWN';

/** One event of a callback, as found in `message.events`. */
export interface WebhookEvent {
  /** `CREATED`, `UPDATED`, `DELETED`, `UNKNOWN`, or another value as sent; undefined when absent. */
  eventType: WebhookEventType | (string & {}) | undefined;
  /** The kind of object that changed, e.g. `orders` (Ecwid's exact value is not documented). */
  objectType: string | undefined;
  /** The changed object's ID, as a string (a numeric ID is turned into its decimal text). */
  objectId: string | undefined;
  /** The element that sent it: `ecwid`. */
  elementKey: string | undefined;
  /** When the event happened, as sent (an ISO 8601 text, when present). */
  date: string | undefined;
  /** The event object as it came, with any field not listed above. */
  raw: Record<string, unknown>;
}

/** A callback body, read: the events found and what surrounds them. */
export interface WebhookNotification {
  /** Cloud Elements' ID of this notification (`message.eventId`). */
  eventId: string | undefined;
  /** The element instance the events come from (`message.instanceId`), as a string. */
  instanceId: string | undefined;
  /** The element's key (`message.elementKey`), `ecwid`. */
  elementKey: string | undefined;
  /** The events found: empty when the body holds none that can be recognised. */
  events: WebhookEvent[];
  /** The vendor's own data (`message.raw`), unparsed further. */
  raw: unknown;
  /** The whole parsed body. */
  body: unknown;
}

type JsonObject = Record<string, unknown>;

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** A string, or a number shown as its decimal text (IDs come either way); else undefined. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** An event is an object with at least one of the fields Cloud Elements normalizes. */
function readEvent(value: unknown): WebhookEvent | undefined {
  const event = asObject(value);
  if (!event) return undefined;
  const eventType = asText(event.eventType);
  const objectType = asText(event.objectType);
  const objectId = asText(event.objectId);
  if (eventType === undefined && objectType === undefined && objectId === undefined) return undefined;
  return { eventType, objectType, objectId, elementKey: asText(event.elementKey), date: asText(event.date), raw: event };
}

function bodyText(rawBody: string | Uint8Array): string {
  if (typeof rawBody === 'string') return rawBody;
  const bytes = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
  if (!isUtf8(bytes)) throw new SyntaxError('the body is not UTF-8 text');
  return bytes.toString('utf8');
}

/**
 * Reads a callback body: `{"message": {"eventId", "instanceId", "events": [...], "raw"}}`. A body
 * without the `message` wrapper is read the same way; a single event object in place of the array, or
 * events of unknown shape, are tolerated: whatever is not recognised is left out of `events` and kept in
 * `body`. Parse the raw body only after {@link verifyWebhookSignature} has accepted it.
 *
 * @param rawBody - the body as received (bytes are decoded as UTF-8; a leading BOM is allowed)
 * @returns the notification; `events` is empty when none was recognised
 * @throws SyntaxError when the body is not JSON, or its bytes are not UTF-8
 */
export function parseNotification(rawBody: string | Uint8Array): WebhookNotification {
  const text = bodyText(rawBody);
  const body: unknown = JSON.parse(text.startsWith('\ufeff') ? text.slice(1) : text);
  const top = asObject(body);
  const message = asObject(top?.message) ?? top ?? {};
  const listed = message.events;
  const candidates = Array.isArray(listed) ? listed : listed === undefined ? [] : [listed];
  const events: WebhookEvent[] = [];
  for (const candidate of candidates) {
    const event = readEvent(candidate);
    if (event !== undefined) events.push(event);
  }
  return {
    eventId: asText(message.eventId),
    instanceId: asText(message.instanceId),
    elementKey: asText(message.elementKey),
    events,
    raw: message.raw,
    body,
  };
}
