import type { HashAlgorithm } from "../primitives/hmac.js";

/**
 * Why a signature did not match, as found by re-running the provider's scheme under one controlled
 * variation at a time. Stable cause codes, for `--json` and library callers.
 */
export type CommonCause =
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
  | "secret-encoding"
  // A signed path (SNAP, templates with {path}).
  | "path-query"
  | "path-trailing-slash"
  | "path-prefix"
  | "path-absolute-url"
  // A receiver that signs the path with a "?" and no query (Flask's request.full_path).
  | "path-empty-query"
  // SNAP's string-to-sign.
  | "token-bearer"
  | "token-empty"
  | "timestamp-spelling"
  | "method-case"
  | "body-not-minified"
  | "body-hash-case"
  // Signed body fields spelled differently, concatenated in another order, or a form's fields signed another way.
  | "field-format"
  | "field-order"
  // A signed form field's encoding: the signer signed it still encoded, or encoded its own way.
  | "field-encoding"
  // A form body re-encoded (+ or %20 for spaces, escapes' case) or its empty fields dropped.
  | "body-form-encoding"
  | "body-empty-fields"
  | "field-dropped"
  | "field-order"
  | "field-separator"
  // How the MAC is written, and where.
  | "signature-key"
  | "signature-mode"
  | "signature-encoding"
  | "signature-algorithm"
  // Nothing whk knows explains it.
  | "no-match";

/**
 * A cause a provider's own scheme adds, named after the provider ("acme-amount-format"): the common
 * causes above stay listed for autocompletion, any other string is a provider's.
 */
export type ExplainCause = CommonCause | (string & {});

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

/** How a signature is written down. */
export type SignatureEncoding = "hex" | "base64" | "base64url";

/** What a signature is: where it travels, how it is computed and written. What explain's encoding variants need. */
export interface SignatureFacts {
  /** "X-SIGNATURE", "signature_hash". */
  where: string;
  /** The signature text as received (inside any `t=...,v1=` wrapping). */
  given: string;
  algorithm: HashAlgorithm;
  /** An HMAC keyed with the secret, or a plain digest of a message that contains the secret. */
  keyed: boolean;
  encoding: SignatureEncoding;
  /** The encodings the scheme's verify already reads (SNAP takes base64 or hex). */
  accepted: readonly SignatureEncoding[];
  /** The raw MAC the scheme computes with this secret, or would with another hash algorithm. */
  compute(secret: string, algorithm: HashAlgorithm): Buffer;
}
