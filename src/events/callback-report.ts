// What `events listen` prints for each callback: pure functions from what arrived to text.
import { escapeForeign, toJson } from '../text/escape.js';
import type { WebhookNotification } from '../webhooks/notification.js';
import type { SignatureProblem } from '../webhooks/signature.js';
import { SIGNATURE_PROBLEM_TEXT } from './signature-problems.js';

/** How a callback's signature fared: `unsigned` when the listener has no key. */
export type SignatureState = 'valid' | 'invalid' | 'missing' | 'unsigned';

/** One callback that was JSON, as `events listen` reports it. */
export interface CallbackRecord {
  receivedAt: Date;
  webhookId: string | undefined;
  signature: SignatureState;
  /** Why the signature was refused, when it was. */
  problem?: SignatureProblem | undefined;
  notification: WebhookNotification;
  /** The status the listener answered with. */
  status: number;
  /** What `--forward` got: the app's status, or why there was none. */
  forward?: { status: number } | { failure: string } | undefined;
}

/** The `events listen --json` document, one per callback. */
export interface CallbackReport {
  receivedAt: string;
  webhookId: string | null;
  signature: SignatureState;
  signatureProblem?: string;
  instanceId: string | null;
  eventId: string | null;
  events: { eventType: string | null; objectType: string | null; objectId: string | null; elementKey: string | null; date: string | null }[];
  body: unknown;
  status: number;
  forward?: { status: number } | { failure: string };
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));
// A busy listener stamps thousands of lines within one second: the text is made once per second.
let lastClock = { second: NaN, text: '' };

/** `HH:MM:SS`, local time. */
export function clockTime(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second !== lastClock.second) lastClock = { second, text: `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}` };
  return lastClock.text;
}

const orDash = (value: string | undefined): string => (value === undefined || value === '' ? '-' : value);
const field = (value: string | undefined): string => escapeForeign(orDash(value));

export function signatureText(record: Pick<CallbackRecord, 'signature' | 'problem'>): string {
  const reason = record.signature === 'invalid' && record.problem !== undefined ? ` (${SIGNATURE_PROBLEM_TEXT[record.problem]})` : '';
  return `signature=${record.signature}${reason}`;
}

function forwardText(forward: CallbackRecord['forward']): string {
  if (forward === undefined) return '';
  return 'status' in forward ? ` forward=${forward.status}` : ` forward=failed (${escapeForeign(forward.failure)})`;
}

/** The top-level keys of a body, for a callback without recognisable events. */
function topLevelKeys(body: unknown): string {
  if (typeof body !== 'object' || body === null) return `(a JSON ${body === null ? 'null' : typeof body})`;
  if (Array.isArray(body)) return `(a JSON array of ${body.length})`;
  const keys = Object.keys(body);
  return keys.length === 0 ? '(an empty object)' : escapeForeign(keys.join(','));
}

/**
 * The text lines of one callback: one per event,
 * `<HH:MM:SS> <eventType> <objectType> <objectId> instance=<id> webhook=<id> signature=<state>`, or one
 * line naming the body's top-level keys when it holds no event that can be recognised.
 */
export function callbackLines(record: CallbackRecord): string {
  const { notification } = record;
  const tail = ` instance=${field(notification.instanceId)} webhook=${field(record.webhookId)} ${signatureText(record)}${forwardText(record.forward)}`;
  const time = clockTime(record.receivedAt);
  if (notification.events.length === 0) return `${time} no-events keys=${topLevelKeys(notification.body)}${tail}\n`;
  // What every line of the callback shares is joined once, not once per event.
  const head = `${time} `;
  const end = `${tail}\n`;
  let text = '';
  // Each field escaped on its own: a safe field comes back as it is, so no joined copy of the three is
  // made just to be tested (less garbage per line than escaping them at once).
  for (const event of notification.events) text += `${head}${field(event.eventType)} ${field(event.objectType)} ${field(event.objectId)}${end}`;
  return text;
}

/** The `--json` line of one callback; what JSON leaves raw is written as `\u` escapes (see toJson). */
export function callbackJson(record: CallbackRecord): string {
  const { notification } = record;
  const orNull = (value: string | undefined): string | null => value ?? null;
  const report: CallbackReport = {
    receivedAt: record.receivedAt.toISOString(),
    webhookId: orNull(record.webhookId),
    signature: record.signature,
    ...(record.signature === 'invalid' && record.problem !== undefined ? { signatureProblem: SIGNATURE_PROBLEM_TEXT[record.problem] } : {}),
    instanceId: orNull(notification.instanceId),
    eventId: orNull(notification.eventId),
    events: notification.events.map((event) => ({
      eventType: orNull(event.eventType),
      objectType: orNull(event.objectType),
      objectId: orNull(event.objectId),
      elementKey: orNull(event.elementKey),
      date: orNull(event.date),
    })),
    body: notification.body,
    status: record.status,
    ...(record.forward === undefined ? {} : { forward: record.forward }),
  };
  return `${toJson(report)}\n`;
}

/** The summary when the listener stops: `12 callbacks: 11 accepted, 1 rejected`. */
export function summaryLine(accepted: number, rejected: number): string {
  const total = accepted + rejected;
  return `${total} ${total === 1 ? 'callback' : 'callbacks'}: ${accepted} accepted, ${rejected} rejected\n`;
}
