/**
 * Why a signature did not match, as found by re-running the provider's scheme under one controlled
 * variation at a time. Stable cause codes, for `--json` and library callers.
 */
export type ExplainCause =
  // The body was changed after signing (or the signer signed other bytes than it sent).
  | "body-reformatted"
  | "body-key-order"
  | "body-trailing-newline"
  | "body-line-endings"
  | "body-bom"
  | "body-unicode-escapes"
  | "body-numbers-reformatted"
  // The secret.
  | "secret-whitespace"
  | "secret-quotes"
  // Topremit's SNAP string-to-sign.
  | "path-query"
  | "path-trailing-slash"
  | "path-prefix"
  | "path-absolute-url"
  | "token-bearer"
  | "token-empty"
  | "timestamp-spelling"
  | "method-case"
  | "body-not-minified"
  | "body-hash-case"
  // How the MAC is written.
  | "signature-encoding"
  | "signature-algorithm"
  // ChaiPay's field string.
  | "chaipay-amount-format"
  | "chaipay-form-encoding"
  | "chaipay-field-set"
  // Nothing whk knows explains it.
  | "no-match";

/** A cause a variation can name (every cause but "no-match"). */
export type VariationCause = Exclude<ExplainCause, "no-match">;

export interface Explanation {
  cause: ExplainCause;
  /** One sentence: what matched, and what that means happened. */
  summary: string;
  /** Concrete facts behind it (sizes, the strings that differ). Never a secret. */
  evidence: string[];
  /** 1-based position of the secret the variation matched with, when several were given. */
  secretIndex?: number;
  /** How many variations were tried. */
  tried: number;
}

/** One variation to try: what it would mean, and whether the signature matches under it. */
export interface Attempt {
  cause: VariationCause;
  summary: string;
  evidence: string[];
  matches(secret: string): boolean;
  /** Secret variations belong to one given secret (0-based position); others are tried with each. */
  onlySecret?: number;
}
