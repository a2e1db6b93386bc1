// The inspector's API, called with the token the page was served with (never from anywhere else).

export class ApiError extends Error {
  constructor(message, hint) {
    super(message);
    this.hint = hint ?? null;
  }
}

export function createApi(token) {
  const auth = { "X-Whk-Token": token };

  async function call(path, init = {}) {
    const response = await fetch(path, { ...init, headers: { ...auth, ...init.headers } });
    const body = await response.json().catch(() => ({ message: `HTTP ${response.status}` }));
    if (!response.ok) throw new ApiError(body.message ?? `HTTP ${response.status}`, body.hint);
    return body;
  }

  return {
    get: (path) => call(path),
    post: (path, value) => call(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(value) }),

    /** Saves what the server sends as a file, under the name it gives. */
    async download(path) {
      const response = await fetch(path, { headers: auth });
      if (!response.ok) throw new ApiError((await response.json().catch(() => ({}))).message ?? `HTTP ${response.status}`);
      const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "whk-captures.json";
      const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(await response.blob()), download: name });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      return name;
    },

    /**
     * The live feed (Server-Sent Events, read with fetch so the token travels in a header): `onOpen` once
     * the stream is up (load the list then, so nothing falls between), `onEvent` per message, and a new
     * stream a second after one ends (whk restarted, or the laptop slept).
     */
    follow({ onOpen, onEvent, onState }) {
      const run = async () => {
        try {
          const response = await fetch("/api/events", { headers: auth });
          if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
          onState("live");
          await onOpen();
          await readEvents(response.body, onEvent);
        } catch {
          // fall through: reconnect below
        }
        onState("reconnecting");
        setTimeout(run, 1000);
      };
      void run();
    },
  };
}

async function readEvents(stream, onEvent) {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data.push(line.slice(6));
      }
      if (data.length > 0) onEvent(event, JSON.parse(data.join("\n")));
    }
  }
}
