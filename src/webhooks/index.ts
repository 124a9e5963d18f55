/**
 * The webhook library of ecwid-instance: check that a callback comes from Cloud Elements, sign a body
 * as Cloud Elements does, and read the events a callback carries.
 *
 * ```ts
 * import { verifyWebhookSignature, signWebhookBody, parseNotification } from 'ecwid-instance';
 * ```
 *
 * @packageDocumentation
 */
export { checkWebhookSignature, signWebhookBody, verifyWebhookSignature, SIGNATURE_HEADER, WEBHOOK_ID_HEADER } from './signature.js';
export type { SignatureCheck, SignatureProblem } from './signature.js';
export { parseNotification } from './notification.js';
export type { WebhookEvent, WebhookEventType, WebhookNotification } from './notification.js';
