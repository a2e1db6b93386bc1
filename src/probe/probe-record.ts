import { toRequestFile, utf8OrUndefined, type RequestFile } from "../primitives/request-file.js";
import type { ProbeDelivery } from "./run-probe.js";

/** What a saved probe request holds: the request file fields `whk verify` reads, plus the check it was for and what came back. */
export interface ProbeRecord extends RequestFile {
  receivedAt: string;
  probe: { check: string; kind: string; expect: string; mistake?: string };
  response?: { status: number; headers: Record<string, string>; body: string };
  fault?: string;
  /** Where the secret itself was on the wire (a static token) and was written over. */
  redacted?: string[];
}

/** What stands where a secret was: its length, never its value. */
export const redactedSecret = (secret: string): string => `[redacted: the secret, ${secret.length} characters]`;

/**
 * One delivery of a probe as a request file (`receivedAt` = when it was sent, so `whk verify` judges a
 * signed timestamp as the handler did), with the check's id and the answer or the fault. The secret never
 * goes in: where it travels on the wire as is (a static token such as a callback token header, or the
 * same with a stray newline in a mistake), it is written over and the place is listed in `redacted`.
 */
export function probeRecord(delivery: ProbeDelivery, secret: string | undefined): ProbeRecord {
  const { probe, request, outcome, sentAt, mistake } = delivery;
  const file = toRequestFile(request);
  const redacted: string[] = [];
  if (secret !== undefined && secret !== "") {
    for (const [name, value] of Object.entries(file.headers)) {
      if (!value.includes(secret)) continue;
      file.headers[name] = redactedSecret(secret);
      redacted.push(`header ${name}`);
    }
    for (const key of ["body", "bodyBase64"] as const) {
      const text = key === "body" ? file.body : utf8OrUndefined(Buffer.from(file.bodyBase64 ?? "", "base64"));
      if (text === undefined || !text.includes(secret)) continue;
      delete file.bodyBase64;
      file.body = text.split(secret).join(redactedSecret(secret));
      redacted.push("body");
    }
  }
  const record: ProbeRecord = {
    ...file,
    receivedAt: sentAt.toISOString(),
    probe: { check: probe.id, kind: probe.kind, expect: probe.expect, ...(mistake !== undefined ? { mistake: mistake.cause } : {}) },
  };
  if ("answer" in outcome) {
    record.response = { status: outcome.answer.status, headers: { ...outcome.answer.headers }, body: outcome.answer.body };
  } else {
    record.fault = outcome.fault;
  }
  if (redacted.length > 0) record.redacted = redacted;
  return record;
}
