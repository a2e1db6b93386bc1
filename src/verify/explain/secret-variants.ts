import type { VariationCause } from "../../schemes/explanation.js";

/** A secret the signer may have used instead of a given one. Described by position, never by value. */
export interface SecretVariant {
  cause: VariationCause;
  summary: string;
  evidence: string[];
  secret: string;
  /** 0-based position of the given secret it derives from. */
  position: number;
}

/**
 * The ways a secret goes wrong between a dashboard and a config: whitespace or a newline from a file
 * or a copy, quotes from a .env line. Each is tried instead of the secret it derives from.
 */
export function* secretVariants(secrets: readonly string[]): Generator<SecretVariant> {
  for (const [position, secret] of secrets.entries()) {
    const which = secrets.length > 1 ? `secret #${position + 1}` : "the secret";
    const trimmed = secret.trim();
    if (trimmed !== secret && trimmed !== "") {
      yield {
        cause: "secret-whitespace",
        summary: `the signature matches ${which} with surrounding whitespace trimmed: the secret you gave carries stray whitespace (a trailing newline from a file, a space from a copy)`,
        evidence: [`${which} has ${secret.length - trimmed.length} whitespace character(s) around it`],
        secret: trimmed,
        position,
      };
    }
    const unquoted = /^(["'`])(.*)\1$/s.exec(trimmed)?.[2];
    if (unquoted !== undefined && unquoted !== "") {
      yield {
        cause: "secret-quotes",
        summary: `the signature matches ${which} with its surrounding quotes removed: the quotes were copied into the secret (e.g. from a .env file or a shell)`,
        evidence: [`${which} is wrapped in ${trimmed[0]} quotes`],
        secret: unquoted,
        position,
      };
    }
    for (const [ending, name] of [["\n", "a trailing newline"], ["\r\n", "a trailing CRLF"]] as const) {
      yield {
        cause: "secret-whitespace",
        summary: `the signature matches ${which} with ${name} added: the sender's secret ends with ${name} (read from a file without trimming)`,
        evidence: [`the sender's key is ${which} followed by ${name}`],
        secret: `${secret}${ending}`,
        position,
      };
    }
  }
}
