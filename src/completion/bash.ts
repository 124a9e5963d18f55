import { listCommands, type CompletionCommand } from './command-tree.js';

/** A bash `case` over command paths, each answering with a list of words. */
function caseOver(root: CompletionCommand, words: (command: CompletionCommand) => string[]): string {
  const arms = listCommands(root)
    .map(({ path, command }) => [path.join(' '), words(command)] as const)
    .filter(([, list]) => list.length > 0)
    .map(([path, list]) => `    "${path}") echo "${list.join(' ')}" ;;`);
  return arms.length === 0 ? '  :' : `  case "$1" in\n${arms.join('\n')}\n  esac`;
}

/** The choices of each option that names them, by command path and flag. */
function choicesCase(root: CompletionCommand): string {
  const arms = listCommands(root).flatMap(({ path, command }) =>
    command.options
      .filter((option) => option.choices.length > 0)
      .map((option) => `    ${option.flags.map((flag) => `"${[...path, flag].join(' ')}"`).join('|')}) echo "${option.choices.join(' ')}" ;;`),
  );
  return arms.length === 0 ? '  :' : `  case "$1 $2" in\n${arms.join('\n')}\n  esac`;
}

/**
 * The bash completion script: the command tree as four small lookups, and one function that walks
 * the words typed so far (skipping options and their values) to the command being completed.
 * With nothing better to offer, bash completes file names (`complete -o default`).
 */
export function bashCompletion(root: CompletionCommand): string {
  const name = root.name;
  const fn = `_${name.replace(/\W/g, '_')}`;
  return `# bash completion for ${name}: made by \`${name} completion bash\` from the commands it has.
# Load it in this shell:  source <(${name} completion bash)
# Or for every shell:     ${name} completion bash > ~/.local/share/bash-completion/completions/${name}

${fn}_commands() {
${caseOver(root, (command) => command.commands.map((child) => child.name))}
}

${fn}_options() {
${caseOver(root, (command) => command.options.flatMap((option) => option.flags))}
}

${fn}_valued() {
${caseOver(root, (command) => command.options.filter((option) => option.takesValue).flatMap((option) => option.flags))}
}

${fn}_arguments() {
${caseOver(root, (command) => command.argumentChoices)}
}

${fn}_choices() {
${choicesCase(root)}
}

${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" path="" word i
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ $word == -* ]]; then
      [[ $word != *=* && " $(${fn}_valued "$path") " == *" $word "* ]] && ((i++))
    elif [[ " $(${fn}_commands "$path") " == *" $word "* ]]; then
      path="\${path:+$path }$word"
    fi
  done
  local prev="\${COMP_WORDS[COMP_CWORD-1]}"
  COMPREPLY=()
  if ((COMP_CWORD > 1)) && [[ $prev == -* && " $(${fn}_valued "$path") " == *" $prev "* ]]; then
    COMPREPLY=($(compgen -W "$(${fn}_choices "$path" "$prev")" -- "$cur"))
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(${fn}_options "$path")" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$(${fn}_commands "$path") $(${fn}_arguments "$path")" -- "$cur"))
  fi
}

complete -o default -F ${fn} ${name}
`;
}
