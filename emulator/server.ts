import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { ApiResponse, EmulatorUrls } from "./api-request";
import { serveControl } from "./control";
import type { EmulatorState, RequestRecord } from "./emulator-state";
import { faultResponse, secondaryRateLimitResponse } from "./fault-responses";
import { serveApi } from "./serve-api";

/**
 * Sends `/_emulator/...` (also under the API prefix) to the control surface and everything
 * else to the API, logging each API request with its raw, still-encoded path.
 */
export function createRequestListener(state: EmulatorState, urls: EmulatorUrls, prefix: string): RequestListener {
  return (req, res) => {
    readBody(req)
      .then(async (body) => {
        const method = req.method ?? "GET";
        const rawUrl = req.url ?? "/";
        const queryStart = rawUrl.indexOf("?");
        const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
        const query = new URLSearchParams(queryStart === -1 ? "" : rawUrl.slice(queryStart + 1));

        const controlPath = rawPath.startsWith(`${prefix}/_emulator/`) ? rawPath.slice(prefix.length) : rawPath;
        if (controlPath.startsWith("/_emulator/")) return send(res, serveControl(state, method, controlPath, body));
        await serveApiRequest(state, req, res, { state, urls, prefix, method, rawPath, query, headers: req.headers, body });
      })
      .catch((error: Error) => {
        if (!res.headersSent && !res.destroyed) send(res, { status: 500, body: { message: `Emulator error: ${error.message}` } });
      });
  };
}

/**
 * One API request, in this order: the secondary limits (when on) admit or refuse it on arrival;
 * the fault rules decide what they do to it (and may rotate the keys); it waits the emulator's
 * latency plus the faults' delays; then a fault answers, or the connection is reset, or the API
 * serves it. A request refused by the limits waits the latency too, is not in flight and does
 * not reach the fault rules.
 */
async function serveApiRequest(state: EmulatorState, req: IncomingMessage, res: ServerResponse, call: Parameters<typeof serveApi>[0]): Promise<void> {
  const { method, rawPath, query, headers } = call;
  const generation = state.generation;
  const log = (record: Omit<RequestRecord, "method" | "path" | "query">) => {
    if (state.generation === generation) state.requests.push({ method, path: rawPath, query: Object.fromEntries(query), ...record });
  };
  const latencyMs = state.latencyMs;

  const admission = state.limits.admit(method);
  if (!admission.admitted) {
    await sleep(latencyMs);
    log({ status: 403, limit: admission.reason });
    return send(res, secondaryRateLimitResponse(state, headers, admission.retryAfter));
  }
  try {
    const plan = state.faults.plan(method, rawPath, () => state.keys.rotate());
    await sleep(latencyMs + plan.delayMs);
    const tags: Pick<RequestRecord, "fault" | "faults"> = {};
    if (plan.kinds.length > 0) tags.fault = plan.answer?.kind ?? plan.kinds[0];
    if (plan.kinds.length > 1) tags.faults = plan.kinds;
    const answer = plan.answer;
    if (answer?.kind === "reset") {
      log({ status: 0, ...tags });
      req.socket.destroy();
      return;
    }
    const response = answer ? faultResponse(state, headers, { ...answer, kind: answer.kind }) : serveApi(call);
    if (!answer && state.generation === generation) state.faults.observe(method, rawPath, response.status);
    log({ status: response.status, ...tags });
    send(res, response);
  } finally {
    admission.release();
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, { status, body, headers: given = {} }: ApiResponse): void {
  // Node's own Date header comes from a per-second cache that lags when the event loop is busy; the
  // clock that stamps updated_at must not run ahead of the one clients read the answer's time from.
  const headers = { date: new Date().toUTCString(), ...given };
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
