export const providerNames = ["paycombat", "fazz", "topremit", "singleview", "chaipay"] as const;

export type ProviderName = (typeof providerNames)[number];

export function isProviderName(name: string): name is ProviderName {
  return (providerNames as readonly string[]).includes(name);
}
