import { namedTarget, type ApiTarget } from '../cloud-elements/environments.js';
import { cancelled } from '../errors.js';
import type { AuthType } from '../instance/auth-type.js';
import { splitTags } from '../instance/field-checks.js';
import type { Prompter } from '../prompter.js';
import type { Draft } from './init-options.js';
import {
  authTypeQuestion,
  callbackUrlQuestion,
  clientIdQuestion,
  clientSecretQuestion,
  environmentQuestion,
  eventsQuestion,
  ionCannonGuide,
  legacyApiKeyGuide,
  nameQuestion,
  orderKeyQuestion,
  overwriteQuestion,
  productKeyQuestion,
  redirectUrlGuide,
  redirectUrlQuestion,
  signEventsQuestion,
  storeIdQuestion,
  tagsQuestion,
} from './questions.js';

/** What the wizard's steps share. Each step reads and fills only the slice it names. */
export interface WizardContext extends Draft {
  prompt: Prompter;
  /** Shows guidance (on stderr). */
  say: (text: string) => Promise<void>;
  /** The type preselected when it is asked: what the values given say. */
  suggestedAuthType: AuthType;
  /** The API host; undefined when no flag, variable or config value chose one, so it is asked. */
  target?: ApiTarget | undefined;
  /**
   * The output path as given; never `-`: prompting needs stdout at a terminal, where `--output -`
   * is refused.
   */
  output: string;
  /** Replace an existing file: `--force`, or confirmed by the last step. */
  overwrite: boolean;
  outputExists: () => Promise<boolean>;
}

// Every step asks only for what flags, environment and config left open; the steps of one
// authentication type do nothing for the other.

const legacy = (ctx: Pick<WizardContext, 'authType'>): boolean => ctx.authType !== 'oauth2';
const oauth = (ctx: Pick<WizardContext, 'authType'>): boolean => ctx.authType === 'oauth2';

export async function askAuthType(ctx: Pick<WizardContext, 'authType' | 'suggestedAuthType' | 'prompt'>): Promise<void> {
  ctx.authType ??= await ctx.prompt.select(authTypeQuestion(ctx.suggestedAuthType));
}

export async function askStoreId(ctx: Pick<WizardContext, 'authType' | 'storeId' | 'prompt'>): Promise<void> {
  if (legacy(ctx)) ctx.storeId ??= (await ctx.prompt.input(storeIdQuestion)).trim();
}

export async function showLegacyApiKeyUrl(ctx: Pick<WizardContext, 'authType' | 'storeId' | 'orderKey' | 'productKey' | 'say'>): Promise<void> {
  if (legacy(ctx) && ctx.storeId !== undefined && (ctx.orderKey === undefined || ctx.productKey === undefined)) await ctx.say(legacyApiKeyGuide(ctx.storeId));
}

export async function askOrderKey(ctx: Pick<WizardContext, 'authType' | 'orderKey' | 'prompt'>): Promise<void> {
  if (legacy(ctx)) ctx.orderKey ??= await ctx.prompt.password(orderKeyQuestion);
}

export async function askProductKey(ctx: Pick<WizardContext, 'authType' | 'productKey' | 'prompt'>): Promise<void> {
  if (legacy(ctx)) ctx.productKey ??= await ctx.prompt.password(productKeyQuestion);
}

export async function askClientId(ctx: Pick<WizardContext, 'authType' | 'clientId' | 'prompt'>): Promise<void> {
  if (oauth(ctx)) ctx.clientId ??= (await ctx.prompt.input(clientIdQuestion)).trim();
}

export async function askClientSecret(ctx: Pick<WizardContext, 'authType' | 'clientSecret' | 'prompt'>): Promise<void> {
  if (oauth(ctx)) ctx.clientSecret ??= await ctx.prompt.password(clientSecretQuestion);
}

export async function askRedirectUrl(ctx: Pick<WizardContext, 'authType' | 'redirectUrl' | 'prompt' | 'say'>): Promise<void> {
  if (!oauth(ctx) || ctx.redirectUrl !== undefined) return;
  await ctx.say(redirectUrlGuide);
  ctx.redirectUrl = (await ctx.prompt.input(redirectUrlQuestion)).trim();
}

/** The ION Cannon URL shown next depends on the API host, so it is settled before it. */
export async function askEnvironment(ctx: Pick<WizardContext, 'target' | 'prompt'>): Promise<void> {
  ctx.target ??= namedTarget(await ctx.prompt.select(environmentQuestion));
}

export async function askEvents(ctx: Pick<WizardContext, 'events' | 'callbackUrl' | 'prompt'>): Promise<void> {
  ctx.events ??= await ctx.prompt.confirm(eventsQuestion(ctx.callbackUrl !== undefined));
}

export async function askCallbackUrl(ctx: Pick<WizardContext, 'events' | 'callbackUrl' | 'prompt'>): Promise<void> {
  if (ctx.events === true) ctx.callbackUrl ??= (await ctx.prompt.input(callbackUrlQuestion)).trim();
}

export async function showIonCannonUrl(ctx: Pick<WizardContext, 'events' | 'target' | 'authType' | 'say'>): Promise<void> {
  if (ctx.events === true && ctx.target !== undefined) await ctx.say(ionCannonGuide(ctx.target.host, ctx.authType));
}

/** Asked only with events on and no key given: yes generates one when the file is written. */
export async function askSignEvents(ctx: Pick<WizardContext, 'events' | 'signatureKey' | 'generateSignatureKey' | 'prompt'>): Promise<void> {
  if (ctx.events === true && ctx.signatureKey === undefined) ctx.generateSignatureKey ??= await ctx.prompt.confirm(signEventsQuestion);
}

export async function askName(ctx: Pick<WizardContext, 'authType' | 'name' | 'storeId' | 'prompt'>): Promise<void> {
  ctx.name ??= (await ctx.prompt.input(nameQuestion(legacy(ctx) ? ctx.storeId : undefined))).trim();
}

export async function askTags(ctx: Pick<WizardContext, 'tags' | 'prompt'>): Promise<void> {
  ctx.tags ??= splitTags(await ctx.prompt.input(tagsQuestion));
}

/** Declining to replace an existing file stops the run, with nothing written. */
export async function confirmOverwrite(ctx: Pick<WizardContext, 'output' | 'overwrite' | 'outputExists' | 'prompt'>): Promise<void> {
  if (ctx.overwrite || !(await ctx.outputExists())) return;
  if (!(await ctx.prompt.confirm(overwriteQuestion(ctx.output)))) throw cancelled();
  ctx.overwrite = true;
}

/** The wizard, in order: the authentication type first, since it decides the questions that follow. */
export const WIZARD_STEPS: ((ctx: WizardContext) => Promise<void>)[] = [
  askAuthType,
  askStoreId,
  showLegacyApiKeyUrl,
  askOrderKey,
  askProductKey,
  askClientId,
  askClientSecret,
  askRedirectUrl,
  askEnvironment,
  askEvents,
  askCallbackUrl,
  showIonCannonUrl,
  askSignEvents,
  askName,
  askTags,
  confirmOverwrite,
];

export async function runWizard(ctx: WizardContext): Promise<WizardContext> {
  for (const step of WIZARD_STEPS) await step(ctx);
  return ctx;
}
