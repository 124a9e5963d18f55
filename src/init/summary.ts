import { DEFAULT_ENVIRONMENT } from '../cloud-elements/environments.js';
import type { AuthType } from '../instance/auth-type.js';
import { ionCannonUrl, legacyApiKeyUrl } from '../instance/urls.js';
import { isLoopbackRedirect } from '../oauth/redirect-url.js';
import type { InitPlan } from './init-options.js';
import { escapeFileName, escapeForeign } from '../text/escape.js';

/**
 * The `init --json` document. It never holds a secret. An OAuth2 file has no store ID and no Legacy
 * API Key page (both null); a legacy one has no client ID or redirect URL (both null).
 */
export interface InitReport {
  file: string;
  authType: AuthType;
  storeId: string | null;
  clientId: string | null;
  redirectUrl: string | null;
  name: string;
  eventsEnabled: boolean;
  /** Null when events are off (the file then holds no callback URL). */
  callbackUrl: string | null;
  environment: string;
  legacyApiKeyUrl: string | null;
  ionCannonUrl: string;
}

export function initReport(plan: InitPlan): InitReport {
  const { settings } = plan;
  const oauth = settings.authType === 'oauth2' ? settings : undefined;
  const legacy = settings.authType === 'oauth2' ? undefined : settings;
  return {
    file: plan.output,
    authType: oauth ? 'oauth2' : 'custom',
    storeId: legacy?.storeId ?? null,
    clientId: oauth?.clientId ?? null,
    redirectUrl: oauth?.redirectUrl ?? null,
    name: settings.name,
    eventsEnabled: settings.eventsEnabled,
    callbackUrl: settings.eventsEnabled ? (settings.callbackUrl ?? null) : null,
    environment: plan.target.environment,
    legacyApiKeyUrl: legacy ? legacyApiKeyUrl(legacy.storeId) : null,
    ionCannonUrl: ionCannonUrl(plan.target.host),
  };
}

/** The human summary: what was written, the URLs, and numbered next steps. */
export function summaryText(report: InitReport, plan: Pick<InitPlan, 'target'> & Partial<Pick<InitPlan, 'settings' | 'signatureKeyGenerated'>>): string {
  const toStdout = report.file === '-';
  const steps: string[] = [];
  if (report.eventsEnabled && report.legacyApiKeyUrl !== null) {
    steps.push('Open the Legacy API Key URL while logged in to Ecwid, paste the ION Cannon URL into the "ION Cannon endpoint URL" field, and save.');
  } else if (report.eventsEnabled) {
    steps.push('Set the ION Cannon URL as the webhook URL of your Ecwid app.');
  }
  const file = toStdout ? '<file>' : shellQuote(report.file);
  steps.push(`${toStdout ? 'Save the JSON to a file, then create' : 'Create'} the instance on Cloud Elements: ecwid-instance provision ${file}${targetFlags(plan)}`);
  if (report.redirectUrl !== null) steps[steps.length - 1] += `\n     ${grantCodeNote(report.redirectUrl)}`;
  const urls =
    report.legacyApiKeyUrl === null
      ? `ION Cannon URL: ${report.ionCannonUrl}\n`
      : `Legacy API Key URL: ${report.legacyApiKeyUrl}\nION Cannon URL:     ${report.ionCannonUrl}\n`;
  return (
    `${toStdout ? 'Wrote the instance JSON to stdout.' : `Wrote ${escapeFileName(report.file)}`}\n\n` +
    urls +
    `\nNext steps:\n${steps.map((step, i) => `  ${i + 1}. ${step}`).join('\n')}\n` +
    signatureKeyNote(report, plan)
  );
}

/** Where the signature key is and what the app does with it; never the key itself. */
function signatureKeyNote(report: InitReport, plan: Partial<Pick<InitPlan, 'settings' | 'signatureKeyGenerated'>>): string {
  if (!report.eventsEnabled || plan.settings?.signatureKey === undefined) return '';
  const where = report.file === '-' ? 'The instance JSON holds' : `${report.file} holds`;
  return (
    `\nSignature key: ${where} ${plan.signatureKeyGenerated ? 'a newly generated' : 'the'} key as event.notification.signature.key (not shown here).\n` +
    `Give it to your app: Cloud Elements signs each callback with it, in the Elements-Webhook-Signature header\n` +
    `(sha256= and the base64 HMAC-SHA256 of the raw body); your app checks that before trusting the callback.\n` +
    `Try it locally: ecwid-instance events listen, then ecwid-instance events send http://127.0.0.1:8787/\n`
  );
}

/** How `provision` will get the store owner's grant code for this redirect URL. */
function grantCodeNote(redirectUrl: string): string {
  const how = isLoopbackRedirect(redirectUrl)
    ? `it catches the browser's redirect to ${escapeForeign(redirectUrl)} itself`
    : 'then paste the address the browser was sent to';
  return `It prints the Ecwid authorization page (--open opens it) for the store owner to allow the app; ${how}.`;
}

/** Repeats a non-default API host, so `provision` talks to the same place. */
function targetFlags({ target }: Pick<InitPlan, 'target'>): string {
  if (target.environment === 'custom') return ` --base-url ${target.host}`;
  if (target.environment !== DEFAULT_ENVIRONMENT) return ` --environment ${target.environment}`;
  return '';
}

/**
 * The path as a shell word to paste. One with characters that must not be printed raw is written in
 * `$'…'` quotes, whose `\x1b` and `\u202e` escapes bash and zsh read back as the same characters.
 */
function shellQuote(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  const escaped = escapeForeign(text);
  if (escaped === text) return `'${text.replace(/'/g, `'\\''`)}'`;
  return `$'${escapeForeign(text.replace(/[\\']/g, '\\$&'))}'`;
}
