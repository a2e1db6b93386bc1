import { isWhkInputError } from "../primitives/errors.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { verifyRequest, type VerifyResult } from "../verify/verify-request.js";
import type { CaptureEntry } from "./capture-entry.js";
import { verifyingSecretsFor, type InspectorSecrets } from "./inspector-secrets.js";

export interface VerifySettings extends InspectorSecrets {
  /** Every request is this provider's (listen --provider). */
  provider?: string;
  toleranceMs?: number;
}

/** A verdict and where it comes from: verified by the inspector now, or recorded by the listener at receipt. */
export interface ShownVerdict {
  verdict: VerifyResult | null;
  from: "inspector" | "receipt" | null;
}

/**
 * `whk verify`'s own verdict (verifyRequest: the explanation included), with the inspector's secrets and
 * timestamps judged against the capture's receipt time. With no secret for the request's provider, the
 * verdict the listener recorded, if any.
 */
export function verifyWithSettings(request: WebhookRequest, settings: VerifySettings, includePreimage = false): VerifyResult | null {
  try {
    return verifyRequest(request, {
      secret: settings.secrets,
      secretsFor: (provider) => verifyingSecretsFor(provider, settings),
      ...(settings.provider !== undefined ? { provider: settings.provider } : {}),
      ...(settings.toleranceMs !== undefined ? { toleranceMs: settings.toleranceMs } : {}),
      includePreimage,
    });
  } catch (error) {
    if (isWhkInputError(error) && error.code === "missing-secret") return null;
    throw error;
  }
}

/**
 * The verdict the page shows for a capture, computed once per capture and inspector. A running listener's
 * own verdict (`preferRecorded`) is the very same call with the same secrets, so it is used as it is; a
 * folder's captures are verified again, since the secret given now may not be the one they met.
 */
export function captureJudge(settings: VerifySettings, preferRecorded: boolean): (entry: CaptureEntry) => ShownVerdict {
  const shown = new WeakMap<CaptureEntry, ShownVerdict>();
  return (entry) => {
    let result = shown.get(entry);
    if (result === undefined && preferRecorded && entry.recordedVerdict !== undefined) {
      result = { verdict: entry.recordedVerdict, from: "receipt" };
      shown.set(entry, result);
    }
    if (result === undefined) {
      const verdict = verifyWithSettings(entry.request, settings);
      result = verdict !== null ? { verdict, from: "inspector" } : { verdict: entry.recordedVerdict ?? null, from: entry.recordedVerdict ? "receipt" : null };
      shown.set(entry, result);
    }
    return result;
  };
}
