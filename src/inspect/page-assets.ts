import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { packageRoot } from "../primitives/package-root.js";

/** The page's files, shipped in the package's `inspector/` folder: plain HTML, CSS and JS modules, nothing from the network. */
export const PAGE_FOLDER = "inspector";

export interface PageAsset {
  type: string;
  body: Buffer;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
};

/**
 * The page may run only its own scripts and talk only to its own server; no frame may hold it. Captured
 * bodies are whatever anyone posted to the listener, so the page writes them as text, never as markup,
 * and this policy would stop an injected script anyway.
 */
export const PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Reads the page's files once, at start: `index.html` (with this inspector's token written into it) and
 * the assets it links under `/assets/`. Only these names are ever served: a path is looked up, never
 * joined to the folder.
 */
export function loadPageAssets(token: string): { page: PageAsset; assets: ReadonlyMap<string, PageAsset> } {
  const folder = join(packageRoot(), PAGE_FOLDER);
  const assets = new Map<string, PageAsset>();
  let page: PageAsset | undefined;
  for (const name of readdirSync(folder)) {
    const type = TYPES[extname(name)];
    if (type === undefined) continue;
    const body = readFileSync(join(folder, name));
    if (name === "index.html") page = { type, body: Buffer.from(body.toString("utf8").replace("{{token}}", token), "utf8") };
    else assets.set(name, { type, body });
  }
  if (page === undefined) throw new Error(`whk's inspector page (${PAGE_FOLDER}/index.html) is missing: the package is incomplete`);
  return { page, assets };
}
