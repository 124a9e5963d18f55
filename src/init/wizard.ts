import { cancelled } from '../errors.js';
import { splitTags } from '../instance/field-checks.js';
import type { Prompter } from '../prompter.js';
import type { Draft } from './init-options.js';
import {
  callbackUrlQuestion,
  eventsQuestion,
  ionCannonGuide,
  legacyApiKeyGuide,
  nameQuestion,
  orderKeyQuestion,
  overwriteQuestion,
  productKeyQuestion,
  signEventsQuestion,
  storeIdQuestion,
  tagsQuestion,
} from './questions.js';

/** What the wizard's steps share. Each step reads and fills only the slice it names. */
export interface WizardContext extends Draft {
  prompt: Prompter;
  /** Shows guidance (on stderr). */
  say: (text: string) => Promise<void>;
  apiHost: string;
  /**
   * The output path as given; never `-`: prompting needs stdout at a terminal, where `--output -`
   * is refused.
   */
  output: string;
  /** Replace an existing file: `--force`, or confirmed by the last step. */
  overwrite: boolean;
  outputExists: () => Promise<boolean>;
}

// Every step asks only for what flags, environment and config left open.

export async function askStoreId(ctx: Pick<WizardContext, 'storeId' | 'prompt'>): Promise<void> {
  ctx.storeId ??= (await ctx.prompt.input(storeIdQuestion)).trim();
}

export async function showLegacyApiKeyUrl(ctx: Pick<WizardContext, 'storeId' | 'orderKey' | 'productKey' | 'say'>): Promise<void> {
  if (ctx.storeId !== undefined && (ctx.orderKey === undefined || ctx.productKey === undefined)) await ctx.say(legacyApiKeyGuide(ctx.storeId));
}

export async function askOrderKey(ctx: Pick<WizardContext, 'orderKey' | 'prompt'>): Promise<void> {
  ctx.orderKey ??= await ctx.prompt.password(orderKeyQuestion);
}

export async function askProductKey(ctx: Pick<WizardContext, 'productKey' | 'prompt'>): Promise<void> {
  ctx.productKey ??= await ctx.prompt.password(productKeyQuestion);
}

export async function askEvents(ctx: Pick<WizardContext, 'events' | 'callbackUrl' | 'prompt'>): Promise<void> {
  ctx.events ??= await ctx.prompt.confirm(eventsQuestion(ctx.callbackUrl !== undefined));
}

export async function askCallbackUrl(ctx: Pick<WizardContext, 'events' | 'callbackUrl' | 'prompt'>): Promise<void> {
  if (ctx.events === true) ctx.callbackUrl ??= (await ctx.prompt.input(callbackUrlQuestion)).trim();
}

export async function showIonCannonUrl(ctx: Pick<WizardContext, 'events' | 'apiHost' | 'say'>): Promise<void> {
  if (ctx.events === true) await ctx.say(ionCannonGuide(ctx.apiHost));
}

/** Asked only with events on and no key given: yes generates one when the file is written. */
export async function askSignEvents(ctx: Pick<WizardContext, 'events' | 'signatureKey' | 'generateSignatureKey' | 'prompt'>): Promise<void> {
  if (ctx.events === true && ctx.signatureKey === undefined) ctx.generateSignatureKey ??= await ctx.prompt.confirm(signEventsQuestion);
}

export async function askName(ctx: Pick<WizardContext, 'name' | 'storeId' | 'prompt'>): Promise<void> {
  if (ctx.storeId !== undefined) ctx.name ??= (await ctx.prompt.input(nameQuestion(ctx.storeId))).trim();
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

/** The wizard, in the contract's order. */
export const WIZARD_STEPS: ((ctx: WizardContext) => Promise<void>)[] = [
  askStoreId,
  showLegacyApiKeyUrl,
  askOrderKey,
  askProductKey,
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
