/** How the prompts may look: `color` is off for `--no-color`, `NO_COLOR`, `TERM=dumb` or no terminal. */
export interface PrompterOptions {
  color: boolean;
}

/** The few prompt kinds the wizards use; tests pass a fake, the terminal gets inquirer. */
export interface Prompter {
  input(question: InputQuestion): Promise<string>;
  password(question: PasswordQuestion): Promise<string>;
  confirm(question: ConfirmQuestion): Promise<boolean>;
  select<T extends string>(question: SelectQuestion<T>): Promise<T>;
}

/** Returns `true` when the answer is acceptable, or the reason it is not. */
export type Validate = (value: string) => true | string;

export interface InputQuestion {
  message: string;
  default?: string;
  validate?: Validate;
}

export interface PasswordQuestion {
  message: string;
  validate?: Validate;
  /** Ends the question when it aborts (a deadline); the prompt then rejects as cancelled. */
  signal?: AbortSignal;
}

export interface ConfirmQuestion {
  message: string;
  default?: boolean;
}

/** A pick from a short list; `default` is the choice the cursor starts on. */
export interface SelectQuestion<T extends string> {
  message: string;
  choices: readonly { value: T; name: string }[];
  default?: T;
}
