import { maskSecret } from './secrets.js';

/** The environment variables that hold secrets. */
export const SECRET_VARIABLES = ['ECWID_ORDER_KEY', 'ECWID_PRODUCT_KEY', 'ECWID_SIGNATURE_KEY', 'CLOUD_ELEMENTS_USER_SECRET', 'CLOUD_ELEMENTS_ORG_SECRET'] as const;

/**
 * Every secret value this run has seen (environment, files, prompts, instance files). `main` passes
 * every error it prints through `redact`: the last line of defence if a message ever quotes one.
 */
export class SecretList {
  private readonly values = new Set<string>();

  add(value: unknown): void {
    // Very short values would mask ordinary words; the schema's secrets are never that short in practice.
    if (typeof value === 'string' && value.length >= 4) this.values.add(value);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so that a secret containing another is masked whole.
    for (const secret of [...this.values].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join(maskSecret(secret));
    }
    return out;
  }
}
