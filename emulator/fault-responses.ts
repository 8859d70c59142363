import type { IncomingHttpHeaders } from "node:http";
import type { ApiResponse } from "./api-request";
import type { EmulatorState } from "./emulator-state";
import type { AnsweringKind, FaultRule, ModifyingKind, ModifyingRule } from "./faults";
import { baseHeaders, caller } from "./serve-api";
import { stableId } from "./stable-id";

const GENERAL_DOCS = "https://docs.github.com/rest";
const SECONDARY_DOCS =
  "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits";
const PRIMARY_DOCS =
  "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-primary-rate-limits";

const STATUS_MESSAGES: Record<number, string> = { 500: "Server Error", 502: "Bad Gateway", 503: "Service Unavailable" };

/** The page a gateway sends instead of the API's answer, by the status it sends it with. */
const GATEWAY_PAGES: Record<200 | 502 | 504, string> = {
  // Some proxies serve their error page with 200: only the content type tells it from the API's answer.
  200: "502 Bad Gateway",
  502: "502 Bad Gateway",
  504: "504 Gateway Time-out",
};

/** How far a proxy's own `Date` is from GitHub's, for `date` at `double`. */
const SECOND_DATE_OFFSET_MS = 3_000;

let lastRequestId = 0;

/** An answer as it goes on the wire: headers as sent (an array sends one line per value), the body as bytes. */
export interface WireAnswer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string | string[]>;
  /** No body when undefined. */
  payload?: Buffer;
}

/**
 * GitHub's answer when a secondary limit is hit (Octokit's throttling plugin recognizes it by
 * "secondary rate" in the message): 403, and `retry-after` only when given.
 */
export function secondaryRateLimitResponse(
  state: EmulatorState,
  headers: IncomingHttpHeaders,
  retryAfter?: number,
): ApiResponse {
  const { token, access } = caller(state, headers);
  const requestId = requestIdFor(++lastRequestId);
  return {
    status: 403,
    body: {
      message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
      documentation_url: SECONDARY_DOCS,
      status: "403",
    },
    headers: {
      ...baseHeaders(state, access && token),
      "x-github-request-id": requestId,
      ...(retryAfter === undefined ? {} : { "retry-after": String(retryAfter) }),
    },
  };
}

/**
 * The answer of a fault rule that answers as GitHub would, in the API's stead (all but `reset`,
 * which answers nothing, and `gateway-html`, which is not GitHub's).
 */
export function faultResponse(
  state: EmulatorState,
  headers: IncomingHttpHeaders,
  rule: FaultRule & { kind: Exclude<AnsweringKind, "reset" | "gateway-html"> },
): ApiResponse {
  switch (rule.kind) {
    case "secondary-rate-limit":
      return secondaryRateLimitResponse(state, headers, rule.retryAfter);
    case "primary-rate-limit":
      return primaryRateLimitResponse(state, headers, rule.resetInSeconds ?? 0);
    case "status": {
      const status = rule.status ?? 500;
      return githubError(state, headers, status, STATUS_MESSAGES[status]);
    }
    case "not-found-after-write":
      return githubError(state, headers, 404, "Not Found");
  }
}

/** 403 with `x-ratelimit-remaining: 0` and a reset `resetInSeconds` from now, as when the hourly budget is spent. */
function primaryRateLimitResponse(
  state: EmulatorState,
  headers: IncomingHttpHeaders,
  resetInSeconds: number,
): ApiResponse {
  const { token, access } = caller(state, headers);
  const known = access && token;
  const limit = known === undefined ? 60 : 5000;
  const who = known === undefined ? "127.0.0.1" : `user ID ${stableId(known)}`;
  return {
    status: 403,
    body: {
      message: `API rate limit exceeded for ${who}.${known === undefined ? " (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)" : ""}`,
      documentation_url: PRIMARY_DOCS,
      status: "403",
    },
    headers: {
      ...baseHeaders(state, known),
      "x-ratelimit-limit": String(limit),
      "x-ratelimit-remaining": "0",
      "x-ratelimit-used": String(limit),
      "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000 + resetInSeconds)),
      "x-ratelimit-resource": "core",
    },
  };
}

function githubError(state: EmulatorState, headers: IncomingHttpHeaders, status: number, message: string): ApiResponse {
  const { token, access } = caller(state, headers);
  return {
    status,
    body: { message, documentation_url: GENERAL_DOCS, status: String(status) },
    headers: baseHeaders(state, access && token),
  };
}

/** GitHub's look like `C0F8:3A5E:1B2D4:2C3E5:6650A1B2`; these only need to be distinct. */
function requestIdFor(n: number): string {
  return `E0E0:${n.toString(16).toUpperCase().padStart(5, "0")}`;
}

/**
 * A gateway's own error page, answering in the API's stead: HTML, without any of GitHub's headers
 * (GitHub never saw the request, so it costs no rate limit either).
 */
export function gatewayAnswer(status: 200 | 502 | 504): WireAnswer {
  const title = GATEWAY_PAGES[status];
  const payload = Buffer.from(
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
  );
  return {
    status,
    headers: { date: new Date().toUTCString(), "content-type": "text/html", "content-length": String(payload.length) },
    payload,
  };
}

/** Whether a modifying rule would change the answer: the header it garbles, or a body to cut, is there. */
export function answerChanges(answer: WireAnswer, rule: ModifyingRule): boolean {
  switch (rule.kind) {
    case "date":
      return answer.headers.date !== undefined;
    case "link":
      return answer.headers.link !== undefined;
    case "body":
      return hasBody(answer);
    case "stall":
      return rule.at === "headers" || hasBody(answer);
  }
}

/** The answer as a `date`, `link` or `body` rule changes it (a `stall` is the server's, on the socket). */
export function modifyAnswer(
  answer: WireAnswer,
  rule: ModifyingRule & { kind: Exclude<ModifyingKind, "stall"> },
): WireAnswer {
  switch (rule.kind) {
    case "date":
      return { ...answer, headers: withDate(answer.headers, rule.mode) };
    case "link":
      return { ...answer, headers: { ...answer.headers, link: garbleLink(answer.headers.link) } };
    case "body": {
      const payload = answer.payload ?? Buffer.alloc(0);
      return withPayload(answer, rule.mode === "empty" ? Buffer.alloc(0) : firstHalf(payload));
    }
  }
}

/** The first half of a body's bytes, rounded down: what a `body` truncation or a stall at `body` sends. */
export function firstHalf(payload: Buffer): Buffer {
  return payload.subarray(0, Math.floor(payload.length / 2));
}

function hasBody(answer: WireAnswer): boolean {
  return answer.payload !== undefined && answer.payload.length > 0;
}

function withDate(headers: WireAnswer["headers"], mode: FaultRule["mode"]): WireAnswer["headers"] {
  const { date, ...others } = headers;
  switch (mode) {
    case "drop":
      return others;
    case "garble":
      return { ...others, date: "not a date" };
    default: {
      // GitHub's own first, then the proxy's: two lines, which a fetch client joins with ", ".
      const first = Array.isArray(date) ? date[0] : date;
      const time = Date.parse(first);
      const second = new Date((Number.isNaN(time) ? Date.now() : time) + SECOND_DATE_OFFSET_MS).toUTCString();
      return { ...others, date: [first, second] };
    }
  }
}

/**
 * Without its angle brackets a link no longer parses (RFC 8288 requires `<URI>`): Octokit's
 * paginate, for one, then finds no `rel="next"` and ends the list early without a word.
 */
function garbleLink(link: string | string[]): string {
  return [link].flat().join(", ").replace(/[<>]/g, "");
}

/** The same answer with another body, its `content-length` matching it. */
function withPayload(answer: WireAnswer, payload: Buffer): WireAnswer {
  return { ...answer, headers: { ...answer.headers, "content-length": String(payload.length) }, payload };
}
