import { eventSchemas } from "../schemas/index.js";
import type { ProviderName } from "../providers/provider-name.js";

/**
 * Checks a body against every documented event schema of its provider. A body that fits none is a
 * warning, never a failure: providers add fields and events faster than docs do.
 */
export function checkEventSchema(provider: ProviderName, body: Uint8Array): string[] {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body).toString("utf8"));
  } catch {
    return ["the body is not valid JSON"];
  }
  let closest: { name: string; message: string; count: number } | undefined;
  for (const [name, entry] of Object.entries(eventSchemas)) {
    if (entry.provider !== provider) continue;
    const parsed = entry.schema.safeParse(json);
    if (parsed.success) return [];
    const issue = parsed.error.issues[0];
    const message = issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "does not match";
    if (!closest || parsed.error.issues.length < closest.count) closest = { name, message, count: parsed.error.issues.length };
  }
  return closest ? [`the body fits no documented ${provider} event (closest: ${closest.name}, ${closest.message})`] : [];
}
