import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { ApiResponse, EmulatorUrls } from "./api-request";
import { serveControl } from "./control";
import type { EmulatorState } from "./emulator-state";
import { serveApi } from "./serve-api";

/**
 * Sends `/_emulator/...` (also under the API prefix) to the control surface and everything
 * else to the API, logging each API request with its raw, still-encoded path.
 */
export function createRequestListener(state: EmulatorState, urls: EmulatorUrls, prefix: string): RequestListener {
  return (req, res) => {
    readBody(req)
      .then((body) => {
        const method = req.method ?? "GET";
        const rawUrl = req.url ?? "/";
        const queryStart = rawUrl.indexOf("?");
        const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
        const query = new URLSearchParams(queryStart === -1 ? "" : rawUrl.slice(queryStart + 1));

        const controlPath = rawPath.startsWith(`${prefix}/_emulator/`) ? rawPath.slice(prefix.length) : rawPath;
        if (controlPath.startsWith("/_emulator/")) return send(res, serveControl(state, method, controlPath, body));

        const response = serveApi({ state, urls, prefix, method, rawPath, query, headers: req.headers, body });
        state.requests.push({ method, path: rawPath, query: Object.fromEntries(query), status: response.status });
        send(res, response);
      })
      .catch((error: Error) => send(res, { status: 500, body: { message: `Emulator error: ${error.message}` } }));
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, { status, body, headers = {} }: ApiResponse): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const payload = JSON.stringify(body);
  res
    .writeHead(status, {
      ...headers,
      "content-type": "application/json; charset=utf-8",
      "content-length": String(Buffer.byteLength(payload)),
    })
    .end(payload);
}
