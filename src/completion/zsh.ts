import { bashCompletion } from './bash.js';
import type { CompletionCommand } from './command-tree.js';

/** zsh runs the bash script through its bash completion layer, so both shells complete alike. */
export function zshCompletion(root: CompletionCommand): string {
  const name = root.name;
  return `#compdef ${name}
# zsh completion for ${name}: made by \`${name} completion zsh\` from the commands it has.
# Load it in this shell:  source <(${name} completion zsh)
# Or for every shell:     ${name} completion zsh > "\${fpath[1]}/_${name}"

autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit

${bashCompletion(root)
  .split('\n')
  .filter((line) => !line.startsWith('#'))
  .join('\n')
  .trimStart()}`;
}
