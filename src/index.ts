/**
 * whk as a library: fixtures, providers, signing and verification. Never imports commander, chalk or
 * ora, so a merchant's own tests can use it cheaply.
 */
export { allFixtures as fixtures, fixturesOf, getFixture, fixturesDirectory } from "./core/fixture-catalog.js";
export type { Fixture, DynamicField, Provenance } from "./core/fixture.js";
export { renderFixtureBody, SEEDED_EPOCH, type RenderOptions } from "./core/render-fixture.js";
export { prepareFixtureRequest, type PrepareOptions, type FieldOverride } from "./core/prepare-fixture-request.js";
export { buildRequest, signRequest, type BuildOptions, type SignOptions } from "./core/sign-request.js";
export { verifyRequest, DEFAULT_TOLERANCE_MS, type VerifyOptions, type VerifyResult, type VerifyReason } from "./core/verify-request.js";
export { detectProvider, type Detection } from "./core/detect-provider.js";
export { parseRequestFile, requestFromJson, toRequestFile, type RequestFile } from "./core/request-file.js";
export { readRequests, type ReadOptions } from "./core/inputs/read-requests.js";
export { parseRequests } from "./core/inputs/parse-requests.js";
export { parseHar } from "./core/inputs/parse-har.js";
export { parseNdjson } from "./core/inputs/parse-ndjson.js";
export { parseRawHttp } from "./core/inputs/parse-raw-http.js";
export type { SourcedRequest } from "./core/inputs/sourced-request.js";
export { explainFailure, type ExplainInput } from "./core/explain/explain-failure.js";
export type { Explanation, ExplainCause } from "./core/explain/explanation.js";
export type { WebhookRequest } from "./core/webhook-request.js";
export { getHeader, type Headers } from "./core/headers.js";
export { parseTarget, DEFAULT_PORT } from "./core/target-url.js";
export { seededRandom, cryptoRandom, type Random } from "./core/random.js";
export { minifyJson } from "./core/minify-json.js";
export { goFormEncode } from "./core/go-form-encode.js";
export { WhkInputError, isWhkInputError } from "./core/errors.js";
export { deliver, deliverWithRetries, createDispatcher } from "./core/delivery-api.js";
export type { DeliveryResult, DeliveryAnswer, DeliveryFailure, DeliveryFault, DeliverOptions, DispatcherOptions } from "./core/deliver.js";
export type { Attempt, RetryPlan, RetryWait } from "./core/deliver-with-retries.js";
export { runLoad, type LoadPlan, type LoadSummary, type LoadDelivery, type LoadProgress } from "./core/load-run.js";
export { latencyStats, type LatencyStats } from "./core/latency-stats.js";
export {
  acknowledgementExpectation,
  explicitExpectation,
  judgeDelivery,
  parseExpectStatus,
  parseExpectBody,
  type Expectation,
  type Verdict,
  type VerdictReason,
} from "./core/expectation.js";
export { createRequestFactory, type RequestFactory } from "./core/request-factory.js";
export {
  startCaptureServer,
  DEFAULT_LISTEN_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type CaptureServer,
  type CaptureServerOptions,
} from "./core/listen/capture-server.js";
export type { CaptureEvent, CaptureRecord, CaptureStats, RequestEvent, ErrorEvent, RecordedResponse } from "./core/listen/capture-record.js";
export { DEFAULT_CAPTURE_DIR } from "./core/listen/capture-writer.js";
export { parseByteSize } from "./core/listen/byte-size.js";
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
