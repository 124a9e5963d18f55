// A prompter that answers from a script and, like a terminal, runs each question's real `validate`:
// an answer it rejects is recorded with the reason and the next scripted answer is tried.

/**
 * @param {(string|boolean|Error)[]} answers in the order they are typed; an Error is thrown instead
 * (e.g. a cancellation at that question).
 */
export function scriptedPrompter(answers) {
  const remaining = [...answers];
  /** Every question and guidance text in the order shown: {kind, message, default, rejected[]} or {say}. */
  const transcript = [];
  const take = (message) => {
    if (remaining.length === 0) throw new Error(`no scripted answer left for "${message}"`);
    const answer = remaining.shift();
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const text = (kind) => async (question) => {
    const entry = { kind, message: question.message, default: question.default, rejected: [] };
    transcript.push(entry);
    for (;;) {
      let answer = take(question.message);
      if (answer === '' && question.default !== undefined) answer = question.default; // Enter takes the default
      const verdict = question.validate ? question.validate(answer) : true;
      if (verdict === true) return answer;
      entry.rejected.push(verdict);
    }
  };
  return {
    transcript,
    remaining,
    prompter: {
      input: text('input'),
      password: text('password'),
      confirm: async (question) => {
        transcript.push({ kind: 'confirm', message: question.message, default: question.default, rejected: [] });
        return take(question.message);
      },
      // Enter ('') takes the default; anything else must be one of the choices' values.
      select: async (question) => {
        const values = question.choices.map((choice) => choice.value);
        transcript.push({ kind: 'select', message: question.message, default: question.default, choices: values, rejected: [] });
        const answer = take(question.message);
        const picked = answer === '' ? (question.default ?? values[0]) : answer;
        if (!values.includes(picked)) throw new Error(`"${picked}" is not a choice of "${question.message}"`);
        return picked;
      },
    },
    say: async (said) => {
      transcript.push({ say: said });
    },
  };
}
