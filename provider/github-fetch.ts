import { NetworkFailure, sample, UnreadableAnswer } from "./errors";
import type { GitHubClock } from "./github-clock";

/** Statuses that never have a body. */
const NO_BODY = new Set([204, 205, 304]);
/** Answers GitHub may give with an empty body: a write's 201 (`{}` or nothing) and 202. */
const EMPTY_ALLOWED = new Set([201, 202]);

/**
 * The `fetch` the provider's Octokit uses: each request has `timeoutMs` for its whole answer,
 * body included (a gateway that stops sending halfway would otherwise hold a run forever), and an
 * answer that is not GitHub's API speaking (HTML from a gateway, an empty or cut JSON body) is
 * refused here. Both are thrown as failures of the request, so Octokit's retry plugin tries again
 * (every request the provider sends is idempotent), and the error says which of the two it was.
 */
export function githubFetch(timeoutMs: number, clock: GitHubClock): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let response: Response;
    let body: ArrayBuffer | null;
    try {
      response = await fetch(input, { ...init, signal });
      body = NO_BODY.has(response.status) ? null : await response.arrayBuffer();
    } catch (error) {
      if (!timeout.aborted) throw error;
      throw new NetworkFailure(`no complete answer within ${timeoutMs} ms (github:requestTimeoutMs)`, { cause: error });
    }
    checkReadable(response, body, init?.method ?? "GET");
    clock.observe(response.headers.get("date"));
    const copy = new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    Object.defineProperty(copy, "url", { value: response.url });
    return copy;
  };
}

function checkReadable(response: Response, body: ArrayBuffer | null, method: string): void {
  const contentType = response.headers.get("content-type") ?? "";
  const unreadable = (problem: string) => new UnreadableAnswer(problem, response.status, sample(contentType, 40));
  if (body === null || method === "HEAD") return;
  if (body.byteLength === 0) {
    if (EMPTY_ALLOWED.has(response.status)) return;
    throw unreadable("the body is empty");
  }
  const text = Buffer.from(body).toString("utf8");
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    throw unreadable(`the body is not JSON: "${sample(text, 40)}"`);
  }
  try {
    JSON.parse(text);
  } catch {
    throw unreadable(`the JSON body is cut off or malformed (${body.byteLength} bytes)`);
  }
}
