import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The receiver pages, docs/receivers/<provider>.md: each holds one Node (Express) and one Python (Flask)
 * handler in fenced blocks marked "```js receiver" and "```python receiver". The markdown is the source
 * of truth: tests run exactly these blocks.
 */
export const RECEIVERS_DIR = fileURLToPath(new URL("../../docs/receivers/", import.meta.url));

export type ReceiverLanguage = "js" | "python";

export const receiverLanguages: readonly ReceiverLanguage[] = ["js", "python"];

/** The URL path every page's handlers serve: `/webhooks/<provider>`. */
export const receiverPath = (provider: string): string => `/webhooks/${provider}`;

/** Every fenced block marked as a receiver in a page, by language, in page order. */
export function receiverBlocks(markdown: string): Record<ReceiverLanguage, string[]> {
  const blocks: Record<ReceiverLanguage, string[]> = { js: [], python: [] };
  for (const match of markdown.matchAll(/^```(js|python) receiver\n([\s\S]*?)^```$/gm)) {
    blocks[match[1] as ReceiverLanguage].push(match[2] as string);
  }
  return blocks;
}

/** The one handler of `language` on the provider's page; throws when there is not exactly one. */
export function receiverSnippet(provider: string, language: ReceiverLanguage): string {
  const blocks = receiverBlocks(readFileSync(`${RECEIVERS_DIR}${provider}.md`, "utf8"))[language];
  if (blocks.length !== 1) throw new Error(`docs/receivers/${provider}.md has ${blocks.length} "${language} receiver" blocks, expected 1`);
  return blocks[0] as string;
}

/**
 * The handler with every rejection taken out, as if its author had left the checks out: each Express
 * line `if (...) return res.status(4xx)...;` / `res.sendStatus(4xx)` removed, each Flask `abort(4xx)`
 * made a `pass`. Undefined when there was nothing to take out.
 */
export function withoutRejections(code: string, language: ReceiverLanguage): string | undefined {
  const broken = language === "js"
    ? code.replace(/^[ \t]*if \(.*\) return res\.(?:sendStatus|status)\(4\d\d\).*;[ \t]*\n/gm, "")
    : code.replace(/\babort\(4\d\d\)/g, "pass");
  return broken === code ? undefined : broken;
}

/** The command that runs a snippet file, and the file name it is written as. */
export function receiverCommand(language: ReceiverLanguage, python: string | undefined): { file: string; command: string } {
  if (language === "js") return { file: "server.cjs", command: process.execPath };
  if (python === undefined) throw new Error(FLASK_MISSING);
  return { file: "server.py", command: python };
}

export const FLASK_MISSING =
  "no python3 that can import flask: the Python receivers in docs/receivers/ are tested with Flask. Install it with `apt-get install -y python3-flask` (.ci/run does)";

/**
 * A python3 that can `import flask`: Debian's /usr/bin/python3 (python3-flask) first, then python3 on
 * PATH (a pyenv or virtualenv one may shadow it); undefined when neither can.
 */
export function findFlaskPython(): string | undefined {
  for (const candidate of ["/usr/bin/python3", "python3"]) {
    const run = spawnSync(candidate, ["-c", "import flask"], { stdio: "ignore", timeout: 20_000 });
    if (run.status === 0) return candidate;
  }
  return undefined;
}
