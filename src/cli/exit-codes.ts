/** The exit-code contract, documented in `--help` and README. */
export const EXIT_OK = 0;
/** A check failed: signature invalid, delivery failed, assertion not met. */
export const EXIT_CHECK_FAILED = 1;
/** Usage or input error: bad flags, missing file, malformed JSON, unknown fixture, missing secret. */
export const EXIT_USAGE = 2;
