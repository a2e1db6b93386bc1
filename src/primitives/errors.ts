/**
 * The one error type for mistakes the user can fix: a missing file, malformed JSON, an unknown fixture,
 * a missing secret. The CLI prints `message` and `hint` on one line each and exits 2. Anything else that
 * is thrown is a bug and is reported as one.
 */
export class WhkInputError extends Error {
  override readonly name = "WhkInputError";
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.code = code;
    this.hint = hint;
  }
}

/** What every "no secret was given" error tells the user to do. */
export const SECRET_HINT = "pass --secret, --secret-file, or set WHK_SECRET_<PROVIDER> or WHK_SECRET";

export function isWhkInputError(error: unknown): error is WhkInputError {
  return error instanceof WhkInputError;
}
