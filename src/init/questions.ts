import { ENVIRONMENT_NAMES, DEFAULT_ENVIRONMENT } from '../cloud-elements/environments.js';
import type { AuthType } from '../instance/auth-type.js';
import {
  checkCallbackUrl,
  checkClientId,
  checkClientSecret,
  checkRedirectUrl,
  checkName,
  checkOrderKey,
  checkProductKey,
  checkStoreId,
  checkTags,
  splitTags,
} from '../instance/field-checks.js';
import { ionCannonUrl, legacyApiKeyUrl } from '../instance/urls.js';
import type { ConfirmQuestion, InputQuestion, PasswordQuestion, SelectQuestion } from '../prompter.js';

// Every question and every piece of guidance the `init` wizard shows, in the order it shows them.
// Each `validate` is the same check that flags and environment variables go through.

export function authTypeQuestion(defaultValue: AuthType): SelectQuestion<AuthType> {
  return {
    message: 'How does the instance authenticate to Ecwid?',
    choices: [
      { value: 'custom', name: 'Legacy API keys (store ID, Order and Product API secrets)' },
      { value: 'oauth2', name: 'OAuth2 with your Ecwid app (client ID and secret); for stores without legacy keys' },
    ],
    default: defaultValue,
  };
}

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

export const clientIdQuestion: InputQuestion = {
  message: 'Client ID of your Ecwid app',
  validate: (value) => checkClientId(value.trim()),
};

export const clientSecretQuestion: PasswordQuestion = {
  message: 'Client secret of your Ecwid app',
  validate: checkClientSecret,
};

/** A loopback redirect URL lets `provision` catch the grant code itself. */
export const SUGGESTED_REDIRECT_URL = 'http://localhost:8787/callback';

export const redirectUrlGuide =
  `\nThe redirect URL must equal the redirect URL registered for your Ecwid app: after the store owner\n` +
  `allows the app, Ecwid sends the browser there with a one-time code. With ${SUGGESTED_REDIRECT_URL}\n` +
  `(registered for the app), \`ecwid-instance provision\` catches that code itself; with any other URL\n` +
  `you paste the address the browser was sent to.\n\n`;

export const redirectUrlQuestion: InputQuestion = {
  message: 'Redirect URL of your Ecwid app',
  default: SUGGESTED_REDIRECT_URL,
  validate: (value) => checkRedirectUrl(value.trim()),
};

export const environmentQuestion: SelectQuestion<string> = {
  message: 'Cloud Elements environment',
  choices: ENVIRONMENT_NAMES.map((name) => ({ value: name, name: name === DEFAULT_ENVIRONMENT ? `${name} (default)` : name })),
  default: DEFAULT_ENVIRONMENT,
};

export function eventsQuestion(defaultValue: boolean): ConfirmQuestion {
  return { message: 'Send Ecwid order events to your app (webhooks)?', default: defaultValue };
}

export const callbackUrlQuestion: InputQuestion = {
  message: 'Callback URL of your app (where Cloud Elements sends the events)',
  validate: (value) => checkCallbackUrl(value.trim()),
};

export function ionCannonGuide(apiHost: string, authType: AuthType = 'custom'): string {
  const where =
    authType === 'oauth2'
      ? 'Ecwid sends the store\'s events to Cloud Elements at this ION Cannon URL: set it as the webhook URL of your Ecwid app:'
      : 'On the same Ecwid page, paste this ION Cannon URL into the "ION Cannon endpoint URL" field and save:';
  return `\n${where}\n  ${ionCannonUrl(apiHost)}\n\n`;
}

export const signEventsQuestion: ConfirmQuestion = {
  message: 'Sign events so that your app can check they come from Cloud Elements?',
  default: true,
};

/** Legacy instances are named after the store by default; an OAuth2 one has no store ID to go by. */
export function nameQuestion(storeId?: string): InputQuestion {
  return { message: 'Instance name', ...(storeId === undefined ? {} : { default: `ecwid-${storeId}` }), validate: checkName };
}

export const tagsQuestion: InputQuestion = {
  message: 'Tags, comma-separated (optional)',
  validate: (value) => checkTags(splitTags(value)),
};

export function overwriteQuestion(file: string): ConfirmQuestion {
  return { message: `${file} already exists. Replace it?`, default: false };
}
