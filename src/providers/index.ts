import { WhkInputError } from "../core/errors.js";
import { chaipay } from "./chaipay.js";
import { fazz } from "./fazz.js";
import { paycombat } from "./paycombat.js";
import type { Provider } from "./provider.js";
import { isProviderName, providerNames, type ProviderName } from "./provider-name.js";
import { singleview } from "./singleview.js";
import { topremit } from "./topremit.js";

/** Every provider, by name: a provider missing here fails to compile. */
export const providers: Record<ProviderName, Provider> = { paycombat, fazz, topremit, singleview, chaipay };

export function getProvider(name: string): Provider {
  if (isProviderName(name)) return providers[name];
  throw new WhkInputError("unknown-provider", `unknown provider "${name}"`, `choose one of ${providerNames.join(", ")}`);
}

export { providerNames, type ProviderName };
