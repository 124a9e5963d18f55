import { DEFAULT_ENVIRONMENT } from '../cloud-elements/environments.js';
import { ionCannonUrl, legacyApiKeyUrl } from '../instance/urls.js';
import type { InitPlan } from './init-options.js';
import { escapeFileName, escapeForeign } from '../text/escape.js';

/** The `init --json` document. It never holds a secret. */
export interface InitReport {
  file: string;
  storeId: string;
  name: string;
  eventsEnabled: boolean;
  /** Null when events are off (the file then holds no callback URL). */
  callbackUrl: string | null;
  environment: string;
  legacyApiKeyUrl: string;
  ionCannonUrl: string;
}

export function initReport(plan: InitPlan): InitReport {
  const { settings } = plan;
  return {
    file: plan.output,
    storeId: settings.storeId,
    name: settings.name,
    eventsEnabled: settings.eventsEnabled,
    callbackUrl: settings.eventsEnabled ? (settings.callbackUrl ?? null) : null,
    environment: plan.target.environment,
    legacyApiKeyUrl: legacyApiKeyUrl(settings.storeId),
    ionCannonUrl: ionCannonUrl(plan.target.host),
  };
}

/** The human summary: what was written, the two URLs, and numbered next steps. */
export function summaryText(report: InitReport, plan: Pick<InitPlan, 'target'> & Partial<Pick<InitPlan, 'settings' | 'signatureKeyGenerated'>>): string {
  const toStdout = report.file === '-';
  const steps: string[] = [];
  if (report.eventsEnabled) {
    steps.push('Open the Legacy API Key URL while logged in to Ecwid, paste the ION Cannon URL into the "ION Cannon endpoint URL" field, and save.');
  }
  const file = toStdout ? '<file>' : shellQuote(report.file);
  steps.push(`${toStdout ? 'Save the JSON to a file, then create' : 'Create'} the instance on Cloud Elements: ecwid-instance provision ${file}${targetFlags(plan)}`);
  return (
    `${toStdout ? 'Wrote the instance JSON to stdout.' : `Wrote ${escapeFileName(report.file)}`}\n\n` +
    `Legacy API Key URL: ${report.legacyApiKeyUrl}\n` +
    `ION Cannon URL:     ${report.ionCannonUrl}\n\n` +
    `Next steps:\n${steps.map((step, i) => `  ${i + 1}. ${step}`).join('\n')}\n` +
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
