import {
  checkCallbackUrl,
  checkName,
  checkOrderKey,
  checkProductKey,
  checkStoreId,
  checkTags,
  splitTags,
} from '../instance/field-checks.js';
import { ionCannonUrl, legacyApiKeyUrl } from '../instance/urls.js';
import type { ConfirmQuestion, InputQuestion, PasswordQuestion } from '../prompter.js';

// Every question and every piece of guidance the `init` wizard shows, in the order it shows them.
// Each `validate` is the same check that flags and environment variables go through.

export const storeIdQuestion: InputQuestion = {
  message: 'Ecwid store ID',
  validate: (value) => checkStoreId(value.trim()),
};

export function legacyApiKeyGuide(storeId: string): string {
  return (
    `\nOpen this page while logged in to your Ecwid store, and copy both the Order and the Product API secret:\n` +
    `  ${legacyApiKeyUrl(storeId)}\n\n`
  );
}

export const orderKeyQuestion: PasswordQuestion = {
  message: 'Order API secret',
  validate: checkOrderKey,
};

export const productKeyQuestion: PasswordQuestion = {
  message: 'Product API secret',
  validate: checkProductKey,
};

export function eventsQuestion(defaultValue: boolean): ConfirmQuestion {
  return { message: 'Send Ecwid order events to your app (webhooks)?', default: defaultValue };
}

export const callbackUrlQuestion: InputQuestion = {
  message: 'Callback URL of your app (where Cloud Elements sends the events)',
  validate: (value) => checkCallbackUrl(value.trim()),
};

export function ionCannonGuide(apiHost: string): string {
  return (
    `\nOn the same Ecwid page, paste this ION Cannon URL into the "ION Cannon endpoint URL" field and save:\n` +
    `  ${ionCannonUrl(apiHost)}\n\n`
  );
}

export const signEventsQuestion: ConfirmQuestion = {
  message: 'Sign events so that your app can check they come from Cloud Elements?',
  default: true,
};

export function nameQuestion(storeId: string): InputQuestion {
  return { message: 'Instance name', default: `ecwid-${storeId}`, validate: checkName };
}

export const tagsQuestion: InputQuestion = {
  message: 'Tags, comma-separated (optional)',
  validate: (value) => checkTags(splitTags(value)),
};

export function overwriteQuestion(file: string): ConfirmQuestion {
  return { message: `${file} already exists. Replace it?`, default: false };
}
