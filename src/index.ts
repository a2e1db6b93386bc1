/**
 * whk as a library: fixtures, providers, signing and verification. Never imports commander, chalk or
 * ora, so a merchant's own tests can use it cheaply.
 */
export { allFixtures as fixtures, fixturesOf, getFixture, fixturesDirectory } from "./core/fixture-catalog.js";
export type { Fixture, DynamicField } from "./core/fixture.js";
export { renderFixtureBody, SEEDED_EPOCH, type RenderOptions } from "./core/render-fixture.js";
export { prepareFixtureRequest, type PrepareOptions, type FieldOverride } from "./core/prepare-fixture-request.js";
export { buildRequest, signRequest, type BuildOptions, type SignOptions } from "./core/sign-request.js";
export { verifyRequest, DEFAULT_TOLERANCE_MS, type VerifyOptions, type VerifyResult, type VerifyReason } from "./core/verify-request.js";
export { detectProvider, type Detection } from "./core/detect-provider.js";
export { parseRequestFile, requestFromJson, toRequestFile, type RequestFile } from "./core/request-file.js";
export type { WebhookRequest } from "./core/webhook-request.js";
export { getHeader, type Headers } from "./core/headers.js";
export { parseTarget, DEFAULT_PORT } from "./core/target-url.js";
export { seededRandom, cryptoRandom, type Random } from "./core/random.js";
export { minifyJson } from "./core/minify-json.js";
export { goFormEncode } from "./core/go-form-encode.js";
export { WhkInputError, isWhkInputError } from "./core/errors.js";
export { providers, getProvider, providerNames, type ProviderName } from "./providers/index.js";
export type {
  Provider,
  SignatureScheme,
  SignatureCheck,
  FailureReason,
  Acknowledgement,
  RetryPolicy,
} from "./providers/provider.js";
export { snapStringToSign, snapBodyHash, snapSignature } from "./schemes/snap-symmetric.js";
export { chaipayMessage, chaipaySignedFields, type ChaipayVariant } from "./schemes/chaipay-signature.js";
export * from "./schemas/index.js";
