import { closestNames } from "../primitives/closest-names.js";
import { WhkInputError } from "../primitives/errors.js";
import { twoC2p } from "./2c2p/provider.js";
import { adyen } from "./adyen/provider.js";
import { billplz } from "./billplz/provider.js";
import { chaipay } from "./chaipay/provider.js";
import { dokuSnap } from "./doku-snap/provider.js";
import { doku } from "./doku/provider.js";
import { duitku } from "./duitku/provider.js";
import { fazz } from "./fazz/provider.js";
import { midtrans } from "./midtrans/provider.js";
import { hitpay } from "./hitpay/provider.js";
import { ipay88 } from "./ipay88/provider.js";
import { paycombat } from "./paycombat/provider.js";
import { paymongo } from "./paymongo/provider.js";
import type { Provider } from "./provider.js";
import { razorpay } from "./razorpay/provider.js";
import { singleview } from "./singleview/provider.js";
import { stripe } from "./stripe/provider.js";
import { topremit } from "./topremit/provider.js";
import { tripay } from "./tripay/provider.js";
import { xendit } from "./xendit/provider.js";

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
  midtrans,
  xendit,
  doku,
  "doku-snap": dokuSnap,
  tripay,
  duitku,
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
 * Which provider's `detect` is asked first (lowest first): providers named by a header of their own
 * before those recognised by their body's shape, the narrower test before the broader one. DOKU SNAP goes
 * before Topremit (both send SNAP's X-TIMESTAMP and X-SIGNATURE; DOKU's client id in X-PARTNER-ID, or its
 * VA payment body, tells them apart), and both before Paycombat: `X-SIGNATURE` and `X-Signature` are one
 * header name, and only SNAP senders add X-TIMESTAMP. Xendit (x-callback-token) goes before Tripay, whose
 * X-Callback-Signature Xendit's bill payments share. Among body shapes, fields named for one provider
 * (Midtrans, Duitku, ChaiPay, SingleView) come first, then the narrower shapes (a batch of notification
 * items, a body that is one JWT field), then plain form fields.
 */
export const detectionRank: Record<ProviderName, number> = {
  "doku-snap": 0,
  topremit: 1,
  doku: 2,
  xendit: 3,
  tripay: 4,
  fazz: 5,
  paycombat: 6,
  stripe: 7,
  paymongo: 8,
  razorpay: 9,
  hitpay: 10,
  midtrans: 11,
  duitku: 12,
  chaipay: 13,
  singleview: 14,
  adyen: 15,
  "2c2p": 16,
  billplz: 17,
  ipay88: 18,
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
  const names = allProviders().map((p) => p.name);
  const close = closestNames(name, [...names, ...allProviders().flatMap((p) => p.aliases ?? [])]);
  const hint = close.length > 0 ? `did you mean ${close.join(", ")}? (providers: ${names.join(", ")})` : `choose one of ${names.join(", ")}`;
  throw new WhkInputError("unknown-provider", `unknown provider "${name}"`, hint);
}
