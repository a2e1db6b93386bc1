import type { SignatureScheme } from "./scheme.js";

/** For a provider that documents no webhook signature: nothing is added, and nothing can be verified. */
export function unsigned(why: string): SignatureScheme {
  return {
    id: "none",
    summary: "none documented",
    needsSecret: false,
    covers: { body: "none", timestamp: false, path: false },
    sign: (request) => request,
    verify: () => ({ ok: false, reason: "missing-signature", detail: why }),
    unsignedBecause: () => why,
  };
}
