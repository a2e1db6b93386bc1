import type { ParsedRequestFlags } from "../../shared/request-flags.js";
import type { Provider } from "../../../providers/provider.js";
import type { SendSettings } from "./options.js";
import type { RequestSaver } from "../../shared/request-saver.js";

/** What both send modes (one by one, load test) share for a run. */
export interface SendContext {
  settings: SendSettings;
  /** --set, --data, --header... parsed once (stdin is read once) for every fixture of the run. */
  flags: ParsedRequestFlags;
  /** Each provider's signing secret (flags, WHK_SECRET, the config, else the default test secret). */
  secretOf(provider: Provider): string | undefined;
  saver?: RequestSaver;
}
