import { WhkInputError } from "../primitives/errors.js";
import { chaipay } from "./chaipay/provider.js";
import { fazz } from "./fazz/provider.js";
import { paycombat } from "./paycombat/provider.js";
import type { Provider } from "./provider.js";
import { isProviderName, providerNames, type ProviderName } from "./provider-name.js";
import { singleview } from "./singleview/provider.js";
import { topremit } from "./topremit/provider.js";

/** Every provider, by name: a provider missing here fails to compile. */
export const providers: Record<ProviderName, Provider> = { paycombat, fazz, topremit, singleview, chaipay };

export function getProvider(name: string): Provider {
  if (isProviderName(name)) return providers[name];
  throw new WhkInputError("unknown-provider", `unknown provider "${name}"`, `choose one of ${providerNames.join(", ")}`);
}

export { providerNames, type ProviderName };
