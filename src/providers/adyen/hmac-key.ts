/**
 * Adyen's HMAC key is given as hex in the Customer Area and used hex-decoded
 * (https://docs.adyen.com/development-resources/webhooks/secure-webhooks/verify-hmac-signatures; the SDKs
 * do `Buffer.from(key, "hex")`). Node's hex decoder silently stops at the first non-hex character, so
 * a secret that is not hex is refused here rather than turned into a short or empty key.
 */
export function hexKey(secret: string): Buffer | undefined {
  return /^([0-9a-fA-F]{2})+$/.test(secret) ? Buffer.from(secret, "hex") : undefined;
}

export const NOT_HEX = "the secret is not hex: Adyen's HMAC key is the hex string from the Customer Area (64 hex characters), used hex-decoded";
