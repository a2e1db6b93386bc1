import { WhkInputError } from "../primitives/errors.js";
import { twoC2p } from "./2c2p/provider.js";
import { adyen } from "./adyen/provider.js";
import { billplz } from "./billplz/provider.js";
import { chaipay } from "./chaipay/provider.js";
import { fazz } from "./fazz/provider.js";
import { hitpay } from "./hitpay/provider.js";
import { ipay88 } from "./ipay88/provider.js";
import { paycombat } from "./paycombat/provider.js";
import { paymongo } from "./paymongo/provider.js";
import type { Provider } from "./provider.js";
import { razorpay } from "./razorpay/provider.js";
import { singleview } from "./singleview/provider.js";
import { stripe } from "./stripe/provider.js";
import { topremit } from "./topremit/provider.js";

/**
 * The registry: every bundled provider by name, the order they are detected in, and the providers a
 * project defines itself (whk.config.json), which every command then treats like the bundled ones.
 * Adding a provider is its folder plus one line in each of the two records below; the compiler
 * refuses a provider with no detection rank.
 */
const bundledProviders = {
  paycombat,
  fazz,
  topremit,
  singleview,
  chaipay,
  paymongo,
  hitpay,
  billplz,
  ipay88,
  "2c2p": twoC2p,
  adyen,
  stripe,
  razorpay,
} satisfies Record<string, Provider>;

export type ProviderName = keyof typeof bundledProviders;

/** Provider-specific helpers the library exports by name. */
export { chaipayMessage, chaipaySignedFields, type ChaipayVariant } from "./chaipay/field-string.js";

export const providers: Record<ProviderName, Provider> = bundledProviders;

/** Bundled provider names, in the order `whk list` shows them. */
export const providerNames = Object.keys(providers) as ProviderName[];

/**
 * Which provider's `detect` is asked first (lowest first). Topremit goes before Paycombat: `X-SIGNATURE`
 * and `X-Signature` are one header name, and only Topremit also sends X-TIMESTAMP. Providers named by a
 * header of their own come before those recognised by their body's shape; among the latter, the
 * narrower shapes first (a batch of notification items, a body that is one JWT field, then form fields).
 */
export const detectionRank: Record<ProviderName, number> = {
  topremit: 0,
  fazz: 1,
  paycombat: 2,
  chaipay: 3,
  singleview: 4,
  stripe: 10,
  paymongo: 11,
  razorpay: 12,
  hitpay: 13,
  adyen: 14,
  "2c2p": 15,
  billplz: 16,
  ipay88: 17,
};

const bundled: readonly Provider[] = providerNames.map((name) => providers[name]);
const bundledByRank: readonly Provider[] = [...providerNames].sort((a, b) => detectionRank[a] - detectionRank[b]).map((name) => providers[name]);
const defined: Provider[] = [];

export function isProviderName(name: string): name is ProviderName {
  return Object.prototype.hasOwnProperty.call(providers, name);
}

/**
 * Adds a provider the project defines (whk.config.json, or a library caller). Its name must not be a
 * bundled provider's: configuring a bundled one is done through its entry, not by redefining it.
 */
export function defineProvider(provider: Provider): void {
  if (findProvider(provider.name) !== undefined) throw new WhkInputError("duplicate-provider", `a provider named "${provider.name}" already exists`, "give your provider another name");
  defined.push(provider);
}

/** Every provider: bundled ones in list order, then the project's own. */
export function allProviders(): readonly Provider[] {
  return defined.length === 0 ? bundled : [...bundled, ...defined];
}

/** The order detection asks providers in: the project's own first (it declared them for its own traffic), then the bundled ones by rank. */
export function providersInDetectionOrder(): readonly Provider[] {
  return defined.length === 0 ? bundledByRank : [...defined, ...bundledByRank];
}

/** A provider by its name or one of its aliases (a former or regional brand), in any case. */
export function findProvider(name: string): Provider | undefined {
  if (isProviderName(name)) return providers[name];
  const wanted = name.toLowerCase();
  return allProviders().find((provider) => provider.name === wanted || provider.aliases?.some((alias) => alias.toLowerCase() === wanted));
}

export function getProvider(name: string): Provider {
  const provider = findProvider(name);
  if (provider) return provider;
  throw new WhkInputError("unknown-provider", `unknown provider "${name}"`, `choose one of ${allProviders().map((p) => p.name).join(", ")}`);
}
