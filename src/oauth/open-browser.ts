import type { Context } from '../context.js';
import { write } from '../io.js';
import { importEsm } from '../import-esm.js';
import { escapeForeign } from '../text/escape.js';

type Open = (target: string) => Promise<unknown>;

/**
 * Opens the authorization page in the default browser (`--open`). `open` is loaded only here; a
 * browser that cannot be started is a warning: the address is already on the screen.
 */
export async function openInBrowser(url: string, context: Pick<Context, 'io'>): Promise<void> {
  try {
    const open = (await importEsm<{ default: Open }>('open')).default;
    const child = (await open(url)) as { once?: (event: string, listener: () => void) => void } | undefined;
    child?.once?.('error', () => undefined);
  } catch (error) {
    await write(context.io.stderr, `warning: could not open a browser (${escapeForeign(error instanceof Error ? error.message : String(error))}); open the address above yourself\n`);
  }
}
