/** The exit-code contract, documented in `--help` and README. */
export const EXIT_OK = 0;
/** A check failed: signature invalid, delivery failed, assertion not met. */
export const EXIT_CHECK_FAILED = 1;
/** Usage or input error: bad flags, missing file, malformed JSON, unknown fixture, missing secret. */
export const EXIT_USAGE = 2;
/** Stopped by Ctrl-C (128 + SIGINT, as a shell reports it), after saying what was done. */
export const EXIT_INTERRUPTED = 130;

/** The contract as `--help` prints it under each command. */
export const EXIT_CODES = `
Exit codes:
  0    success
  1    a check failed (bad signature, failed delivery, unexpected answer)
  2    usage or input error (bad flag, missing file, malformed JSON, unknown fixture, missing secret)
  130  stopped by Ctrl-C (send --count prints what it sent first)
`;

/** How a command's action reports its exit code to main. */
export type SetExit = (code: number) => void;
