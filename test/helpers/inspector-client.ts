import { request as httpRequest, type IncomingHttpHeaders } from "node:http";

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface CallOptions {
  method?: string;
  /** Sent exactly as given (a test may forge Host, Origin or Sec-Fetch-Site). */
  headers?: Record<string, string>;
  body?: string;
}

/** One request to the inspector with node:http, so every header (Host included) is the test's choice. */
export function call(url: string, options: CallOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const outgoing = httpRequest({ host: target.hostname, port: target.port, method: options.method ?? "GET", path: `${target.pathname}${target.search}`, headers: options.headers ?? {} }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, text: Buffer.concat(chunks).toString("utf8") }));
      answer.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

/** The token the inspector wrote into its page: what only that page knows. */
export async function pageToken(ui: string): Promise<string> {
  const page = await call(ui);
  const token = /<meta name="whk-token" content="([^"]+)">/.exec(page.text)?.[1];
  if (token === undefined) throw new Error(`no token in the page (${page.status}): ${page.text.slice(0, 200)}`);
  return token;
}

/** The API as the page calls it: token in a header, JSON in and out. */
export function pageApi(ui: string, token: string) {
  const origin = ui.replace(/\/$/, "");
  return {
    async get<T = Record<string, unknown>>(path: string): Promise<T> {
      const reply = await call(`${origin}${path}`, { headers: { "X-Whk-Token": token } });
      if (reply.status !== 200) throw new Error(`GET ${path}: ${reply.status} ${reply.text}`);
      return JSON.parse(reply.text) as T;
    },
    post(path: string, value: unknown, headers: Record<string, string> = {}): Promise<Reply> {
      return call(`${origin}${path}`, { method: "POST", headers: { "X-Whk-Token": token, "Content-Type": "application/json", Origin: origin, ...headers }, body: JSON.stringify(value) });
    },
  };
}
