import type { IncomingHttpHeaders } from "node:http";
import type { ApiResponse } from "./api-request";
import type { EmulatorState } from "./emulator-state";
import type { AnsweringKind, FaultRule } from "./faults";
import { baseHeaders, caller } from "./serve-api";
import { stableId } from "./stable-id";

const GENERAL_DOCS = "https://docs.github.com/rest";
const SECONDARY_DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits";
const PRIMARY_DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-primary-rate-limits";

const STATUS_MESSAGES: Record<number, string> = { 500: "Server Error", 502: "Bad Gateway", 503: "Service Unavailable" };

let lastRequestId = 0;

/**
 * GitHub's answer when a secondary limit is hit (Octokit's throttling plugin recognizes it by
 * "secondary rate" in the message): 403, and `retry-after` only when given.
 */
export function secondaryRateLimitResponse(state: EmulatorState, headers: IncomingHttpHeaders, retryAfter?: number): ApiResponse {
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

/** The answer of a fault rule that answers in the API's stead (all but `reset`, which answers nothing). */
export function faultResponse(state: EmulatorState, headers: IncomingHttpHeaders, rule: FaultRule & { kind: Exclude<AnsweringKind, "reset"> }): ApiResponse {
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
function primaryRateLimitResponse(state: EmulatorState, headers: IncomingHttpHeaders, resetInSeconds: number): ApiResponse {
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
  return { status, body: { message, documentation_url: GENERAL_DOCS, status: String(status) }, headers: baseHeaders(state, access && token) };
}

/** GitHub's look like `C0F8:3A5E:1B2D4:2C3E5:6650A1B2`; these only need to be distinct. */
function requestIdFor(n: number): string {
  return `E0E0:${n.toString(16).toUpperCase().padStart(5, "0")}`;
}
