/**
 * whk as a library: fixtures, providers, signing and verification. Never imports commander, chalk or
 * ora, so a merchant's own tests can use it cheaply.
 */
export { allFixtures as fixtures, fixturesOf, getFixture, fixturesDirectory } from "./fixtures/fixture-catalog.js";
export type { Fixture, DynamicField, Provenance } from "./fixtures/fixture.js";
export { renderFixtureBody, SEEDED_EPOCH, type RenderOptions } from "./fixtures/render-fixture.js";
export { prepareFixtureRequest, type PrepareOptions, type FieldOverride } from "./fixtures/prepare-fixture-request.js";
export { buildRequest, signRequest, type BuildOptions, type SignOptions } from "./sign/sign-request.js";
export { verifyRequest, DEFAULT_TOLERANCE_MS, type VerifyOptions, type VerifyResult, type VerifyReason } from "./verify/verify-request.js";
export { detectProvider, type Detection } from "./verify/detect-provider.js";
export { parseRequestFile, requestFromJson, toRequestFile, type RequestFile } from "./primitives/request-file.js";
export { readRequests, type ReadOptions } from "./inputs/read-requests.js";
export { parseRequestItems, parseRequests } from "./inputs/parse-requests.js";
export { parseHar } from "./inputs/parse-har.js";
export { parseNdjson } from "./inputs/parse-ndjson.js";
export { parseRawHttp } from "./inputs/parse-raw-http.js";
export type { SourcedItem, SourcedRequest, UnreadableRequest } from "./inputs/sourced-request.js";
export { explainFailure, type ExplainInput } from "./verify/explain/explain-failure.js";
export type { Explanation, ExplainCause } from "./schemes/explanation.js";
export type { WebhookRequest } from "./primitives/webhook-request.js";
export { getHeader, type Headers } from "./primitives/headers.js";
export { parseTarget, DEFAULT_PORT } from "./primitives/target-url.js";
export { seededRandom, cryptoRandom, type Random } from "./primitives/random.js";
export { minifyJson } from "./primitives/minify-json.js";
export { goFormEncode } from "./primitives/go-form-encode.js";
export { WhkInputError, isWhkInputError } from "./primitives/errors.js";
export { deliver, createDispatcher, DEFAULT_MAX_ANSWER_BYTES } from "./deliver/deliver.js";
export { deliverWithRetries } from "./deliver/deliver-with-retries.js";
export type { DeliveryResult, DeliveryAnswer, DeliveryFailure, DeliveryFault, DeliverOptions, DispatcherOptions } from "./deliver/deliver.js";
export type { Attempt, RetryPlan, RetryWait } from "./deliver/deliver-with-retries.js";
export { runLoad, type LoadPlan, type LoadSummary, type LoadDelivery, type LoadProgress } from "./deliver/load-run.js";
export { createLoadClient, type LoadClient, type LoadClientOptions } from "./deliver/load-client.js";
export { latencyStats, type LatencyStats } from "./deliver/latency-stats.js";
export {
  acknowledgementExpectation,
  explicitExpectation,
  judgeDelivery,
  parseExpectStatus,
  parseExpectBody,
  type Expectation,
  type Verdict,
  type VerdictReason,
} from "./deliver/expectation.js";
export { createRequestFactory, type RequestFactory } from "./fixtures/request-factory.js";
export { allScenarios as scenarios, getScenario, scenariosOf } from "./scenario/scenario-catalog.js";
export type { Scenario, ScenarioStep, ScenarioFile, ScenarioProvenance, StepProvenance } from "./scenario/scenario.js";
export { checkScenario } from "./scenario/check-scenario.js";
export { renderScenario, type RenderedStep, type RenderOptions as ScenarioRenderOptions } from "./scenario/render-scenario.js";
export { planDeliveries, duplicateRule, type DeliveryPlan, type Fault, type FaultRequest, type PlannedDelivery } from "./scenario/plan-deliveries.js";
export {
  startCaptureServer,
  DEFAULT_LISTEN_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type CaptureServer,
  type CaptureServerOptions,
} from "./listen/capture-server.js";
export type { CaptureEvent, CaptureRecord, CaptureStats, RequestEvent, ErrorEvent, RecordedResponse } from "./listen/capture-record.js";
export { DEFAULT_CAPTURE_DIR } from "./listen/capture-writer.js";
export { startInspector, DEFAULT_INSPECTOR_PORT, type Inspector, type InspectorOptions } from "./inspect/inspector-server.js";
export { startFolderInspector, type FolderInspector } from "./inspect/inspect-folder.js";
export { createCaptureStore, type CaptureStore } from "./inspect/capture-store.js";
export { captureEntryFromEvent, captureEntryFromRecord, type CaptureEntry } from "./inspect/capture-entry.js";
export type { InspectorSource } from "./inspect/inspector-source.js";
export { parseByteSize } from "./primitives/byte-size.js";
// The registry, and the few provider-specific helpers it re-exports (a provider's folder stays its own).
export * from "./providers/index.js";
export type { Provider, ProviderOption, Acknowledgement, RetryPolicy, DocLink, DeliveryHabits, DocumentedRule } from "./providers/provider.js";
export { schemeFor, type SignatureScheme, type SignatureCheck, type FailureReason, type SignatureCoverage, type SignContext } from "./schemes/scheme.js";
export { templateScheme } from "./schemes/template/template-scheme.js";
export { templateProblems, type SignatureTemplate } from "./schemes/template/signature-template.js";
export { snapStringToSign, snapBodyHash, snapSignature } from "./schemes/snap-string-to-sign.js";
export { sortedFieldsScheme } from "./schemes/sorted-fields/sorted-fields-scheme.js";
export type { FieldMessageRules } from "./schemes/sorted-fields/field-message.js";
export * from "./providers/event-schemas.js";
export { defineConfig } from "./config/define-config.js";
export type { ConfigFile, ProviderEntry, SecretSetting } from "./config/config-types.js";
export { findConfigFile } from "./config/find-config.js";
export { loadProjectConfig } from "./config/load-project-config.js";
export type { ProjectConfig } from "./config/project.js";
