import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import express, { type Express } from "express";

/**
 * Webhook handlers written the way merchants write them, from the providers' docs and the usual
 * tutorials, with express and node:crypto only (never whk's code): one that verifies what express.json()
 * parsed, re-serialised with JSON.stringify (Paycombat's own docs sign JSON.stringify(data)), one that
 * verifies the raw bytes, a SNAP handler that signs the path the way Flask's request.full_path spells
 * it, and one mounted in a router that signs req.url. `whk probe` runs against each in the tests.
 */

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

export async function listen(app: Express): Promise<RunningApp> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const sameText = (a: string, b: string | undefined): boolean => b !== undefined && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Paycombat, as its docs' snippet reads: HMAC-SHA256 of JSON.stringify(data), data being what express.json() parsed. */
export function paycombatWithExpressJson(secret: string): Express {
  const app = express();
  app.post("/webhooks/paycombat", express.json(), (req, res) => {
    const signature = createHmac("sha256", secret).update(JSON.stringify(req.body)).digest("hex");
    if (!sameText(signature, req.get("X-Signature"))) {
      res.status(400).json({ status: "invalid signature" });
      return;
    }
    res.json({ status: "OK" });
  });
  return app;
}

/** Paycombat done right: the HMAC over the bytes express.raw() kept, then the JSON parsed. */
export function paycombatWithExpressRaw(secret: string): Express {
  const app = express();
  app.post("/webhooks/paycombat", express.raw({ type: "application/json" }), (req, res) => {
    const raw = req.body as Buffer;
    const signature = createHmac("sha256", secret).update(raw).digest("hex");
    if (!sameText(signature, req.get("X-Signature"))) {
      res.status(400).json({ status: "invalid signature" });
      return;
    }
    const event = JSON.parse(raw.toString("utf8")) as { status?: string };
    res.json({ status: event.status === undefined ? "ignored" : "OK" });
  });
  return app;
}

/** Fazz with express.raw(): hex HMAC-SHA256 of the raw body in Xfers-Signature. */
export function fazzWithExpressRaw(secret: string): Express {
  const app = express();
  app.post("/callbacks/fazz", express.raw({ type: "application/json" }), (req, res) => {
    const signature = createHmac("sha256", secret).update(req.body as Buffer).digest("hex");
    if (!sameText(signature, req.get("Xfers-Signature"))) {
      res.status(401).end();
      return;
    }
    res.sendStatus(200);
  });
  return app;
}

/** Flask's request.full_path: the path, "?", and the query string, the "?" there even when the query is empty. */
const flaskFullPath = (originalUrl: string): string => {
  const at = originalUrl.indexOf("?");
  return at < 0 ? `${originalUrl}?` : originalUrl;
};

/** SNAP's minify, the way most Node SNAP code does it. */
const minify = (raw: Buffer): string => JSON.stringify(JSON.parse(raw.toString("utf8")));

/**
 * Topremit (SNAP): HMAC-SHA512 of METHOD:path:token:sha256(minify(body)):X-TIMESTAMP, base64, with the
 * path written as a port of a Flask handler writes it (request.full_path): a "?" at the end when there is
 * no query. `fullPath` false is the same handler with the path as received.
 */
export function topremitSigningFullPath(secret: string, options: { fullPath: boolean } = { fullPath: true }): Express {
  const app = express();
  app.post("/webhooks/topremit", express.raw({ type: "application/json" }), (req, res) => {
    const raw = req.body as Buffer;
    const token = (req.get("Authorization") ?? "").replace(/^Bearer /, "");
    const path = options.fullPath ? flaskFullPath(req.originalUrl) : req.originalUrl;
    const bodyHash = createHash("sha256").update(minify(raw)).digest("hex");
    const stringToSign = `${req.method}:${path}:${token}:${bodyHash}:${req.get("X-TIMESTAMP") ?? ""}`;
    const expected = createHmac("sha512", secret).update(stringToSign).digest("base64");
    const age = Math.abs(Date.now() - Date.parse(req.get("X-TIMESTAMP") ?? ""));
    if (!sameText(expected, req.get("X-SIGNATURE")) || !(age <= 5 * 60_000)) {
      res.status(401).json({ responseCode: "4012500", responseMessage: "Unauthorized. Signature" });
      return;
    }
    res.json({});
  });
  return app;
}

/**
 * DOKU (non-SNAP) in an Express router mounted at /webhooks: Request-Target taken from req.url, which
 * inside the router is the path without the mount point (req.originalUrl is the full one).
 */
export function dokuInMountedRouter(secret: string): Express {
  const app = express();
  const router = express.Router();
  router.post("/doku", express.raw({ type: "application/json" }), (req, res) => {
    const raw = req.body as Buffer;
    const digest = createHash("sha256").update(raw).digest("base64");
    const component = [`Client-Id:${req.get("Client-Id")}`, `Request-Id:${req.get("Request-Id")}`, `Request-Timestamp:${req.get("Request-Timestamp")}`, `Request-Target:${req.url}`, `Digest:${digest}`].join("\n");
    const expected = `HMACSHA256=${createHmac("sha256", secret).update(component).digest("base64")}`;
    if (!sameText(expected, req.get("Signature"))) {
      res.status(401).end();
      return;
    }
    res.sendStatus(200);
  });
  app.use("/webhooks", router);
  return app;
}
