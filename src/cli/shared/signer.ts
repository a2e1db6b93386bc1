import { WhkInputError } from "../../primitives/errors.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import type { Provider } from "../../providers/provider.js";
import { signRequest } from "../../sign/sign-request.js";

export type Signer = (request: WebhookRequest, now: Date) => WebhookRequest;

/** Signs the provider's way (with the values of its declared options); a body the scheme cannot sign (one that must carry the signature in a JSON field) is an input error. */
export function signerFor(provider: Provider, secret: string | undefined, options?: Readonly<Record<string, string>>): Signer {
  const given = { provider, ...(secret !== undefined ? { secret } : {}), ...(options !== undefined ? { options } : {}) };
  return (request, now) => {
    try {
      return signRequest(request, { ...given, now });
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      throw new WhkInputError("cannot-sign", `${request.fixture ?? provider.name}: ${error.message}`, "pass a body the provider's scheme can sign (see `whk show`)");
    }
  };
}

