import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { ApiResponse, EmulatorUrls } from "./api-request";
import { serveControl } from "./control";
import type { EmulatorState, RequestRecord } from "./emulator-state";
import {
  type WireAnswer,
  answerChanges,
  faultResponse,
  firstHalf,
  gatewayAnswer,
  modifyAnswer,
  secondaryRateLimitResponse,
} from "./fault-responses";
import type { AnsweringKind, FaultPlan, FaultRule } from "./faults";
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
        const rawUrl = originFormOf(req.url ?? "/");
        const queryStart = rawUrl.indexOf("?");
        const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
        const query = new URLSearchParams(queryStart === -1 ? "" : rawUrl.slice(queryStart + 1));

        const controlPath = rawPath.startsWith(`${prefix}/_emulator/`) ? rawPath.slice(prefix.length) : rawPath;
        if (controlPath.startsWith("/_emulator/")) return send(res, serveControl(state, method, controlPath, body));
        await serveApiRequest(state, req, res, {
          state,
          urls: urlsAsAsked(req, urls, prefix),
          prefix,
          method,
          rawPath,
          query,
          headers: req.headers,
          body,
        });
      })
      .catch((error: Error) => {
        if (!res.headersSent && !res.destroyed)
          send(res, { status: 500, body: { message: `Emulator error: ${error.message}` } });
      });
  };
}

/**
 * The emulator's addresses as the client asked for them, by its `Host` header, as GitHub builds its
 * `link` headers and bodies' URLs: a client that reached the emulator by another name (gh by
 * `api.github.localhost`, through its proxy setting) follows `rel="next"` to where it went before,
 * with its token. Without a `Host` header, the address the emulator listens on.
 */
function urlsAsAsked(req: IncomingMessage, listening: EmulatorUrls, prefix: string): EmulatorUrls {
  const host = req.headers.host;
  if (!host || !/^[\w.-]+(:\d+)?$|^\[[\da-f:.]+\](:\d+)?$/i.test(host)) return listening;
  const origin = `http://${host}`;
  return { origin, api: origin + prefix };
}

/**
 * A request's target without the scheme and host that a client sends when it takes the emulator
 * for its HTTP proxy (the absolute form, which HTTP/1.1 servers must accept): that is how a client
 * that insists on a host name of its own, like `gh` with `GH_HOST=github.localhost`, reaches it.
 */
function originFormOf(target: string): string {
  return /^https?:\/\//i.test(target) ? target.replace(/^https?:\/\/[^/?]*/i, "") || "/" : target;
}

/**
 * One API request, in this order: the secondary limits (when on) admit or refuse it on arrival;
 * the fault rules decide what they do to it (and may rotate the keys); it waits the emulator's
 * latency plus the faults' delays; then a fault answers, or the connection is reset, or the API
 * serves it; the modifying rules change that answer, or stall it. A request refused by the limits
 * waits the latency too, is not in flight and does not reach the fault rules.
 */
async function serveApiRequest(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  call: Parameters<typeof serveApi>[0],
): Promise<void> {
  const { method, rawPath, query, headers } = call;
  const generation = state.generation;
  const current = () => state.generation === generation;
  const log = (record: Omit<RequestRecord, "method" | "path" | "query">) => {
    if (current()) state.requests.push({ method, path: rawPath, query: Object.fromEntries(query), ...record });
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
    const answer = plan.answer;
    if (answer?.kind === "reset") {
      log({ status: 0, ...faultTags(plan) });
      req.socket.destroy();
      return;
    }
    let wire: WireAnswer;
    if (answer) {
      wire = faultAnswer(state, headers, { ...answer, kind: answer.kind });
    } else {
      const response = serveApi(call);
      // The operation's own status: whatever the modifying rules do to its answer, a write was a write.
      if (current()) state.faults.observe(method, rawPath, response.status);
      wire = toWire(response);
    }
    let stallAt: FaultRule["at"];
    // Rules added after a reset are not consulted for a request that arrived before it.
    if (current()) {
      state.faults.modify(plan, method, rawPath, {
        changes: (rule) => answerChanges(wire, rule),
        apply: (rule) => {
          if (rule.kind === "stall") stallAt = rule.at;
          else wire = modifyAnswer(wire, { ...rule, kind: rule.kind });
        },
      });
    }
    log({ status: wire.status, ...faultTags(plan) });
    if (stallAt) return stall(res, wire, stallAt);
    sendWire(res, wire);
  } finally {
    admission.release();
  }
}

/** `fault`: the kind of the rule that answered, else of the first that hit; `faults`: all, when more than one hit. */
function faultTags(plan: FaultPlan): Pick<RequestRecord, "fault" | "faults"> {
  const kinds = plan.hits.map((hit) => hit.kind);
  const tags: Pick<RequestRecord, "fault" | "faults"> = {};
  if (kinds.length > 0) tags.fault = plan.answer?.kind ?? kinds[0];
  if (kinds.length > 1) tags.faults = kinds;
  return tags;
}

/** The answer of a rule that answers in the API's stead: GitHub's own error, or a gateway's page. */
function faultAnswer(
  state: EmulatorState,
  headers: IncomingMessage["headers"],
  rule: FaultRule & { kind: Exclude<AnsweringKind, "reset"> },
): WireAnswer {
  if (rule.kind === "gateway-html")
    return gatewayAnswer(rule.status === 200 || rule.status === 504 ? rule.status : 502);
  return toWire(faultResponse(state, headers, { ...rule, kind: rule.kind }));
}

/**
 * Sends part of the answer and then nothing more, leaving the connection open: the client waits
 * until it gives up and closes it, or the emulator's close destroys it. No timer is involved, so
 * nothing outlives the socket.
 */
function stall(res: ServerResponse, wire: WireAnswer, at: "headers" | "body"): void {
  if (at === "headers") return;
  res.sendDate = false;
  // The full content-length goes out with the headers, so the client waits for bytes that never come.
  res.writeHead(wire.status, wire.headers);
  res.flushHeaders();
  const half = firstHalf(wire.payload ?? Buffer.alloc(0));
  if (half.length > 0) res.write(half);
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

function send(res: ServerResponse, response: ApiResponse): void {
  sendWire(res, toWire(response));
}

/** An answer as bytes: JSON with its content type and length, and a Date header. */
function toWire({ status, body, headers: given = {} }: ApiResponse): WireAnswer {
  // Node's own Date header comes from a per-second cache that lags when the event loop is busy; the
  // clock that stamps updated_at must not run ahead of the one clients read the answer's time from.
  const headers = { date: new Date().toUTCString(), ...given };
  if (body === undefined) return { status, headers };
  const payload = Buffer.from(JSON.stringify(body));
  return {
    status,
    headers: {
      ...headers,
      "content-type": "application/json; charset=utf-8",
      "content-length": String(payload.length),
    },
    payload,
  };
}

function sendWire(res: ServerResponse, { status, headers, payload }: WireAnswer): void {
  // The answer's headers are all there is: a `date` fault may have dropped its Date on purpose.
  res.sendDate = false;
  res.writeHead(status, headers);
  res.end(payload);
}
