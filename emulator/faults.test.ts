import { request } from "node:http";
import { Octokit } from "@octokit/rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import sodium from "libsodium-wrappers";
import {
  type Emulator,
  type EmulatorOptions,
  type FaultRule,
  type LimitsStatus,
  type RequestRecord,
  startEmulator,
} from "./index";
import { SecondaryLimits, validateLimitSettings } from "./secondary-limits";

const TOKEN = "emulator-token";
const ORG = "/orgs/octo-org/actions";
const REPO = "/repos/octo-org/hello-world/actions";
const ENV = "/repos/octo-org/hello-world/environments/production";
const SECONDARY = /^You have exceeded a secondary rate limit\. Please wait a few minutes before you try again\./;

let emulator: Emulator;

beforeAll(async () => {
  await sodium.ready;
  emulator = await startEmulator();
});

afterAll(() => emulator.close());

beforeEach(() => reset());

interface TextAnswer {
  status: number;
  headers: Headers;
  text: string;
  ms: number;
}

interface Answer extends Omit<TextAnswer, "text"> {
  body: any;
}

type CallOptions = { body?: unknown; raw?: string; token?: string | null; on?: Emulator };

/** One API call (or control call with `token: null`) against `on` (the shared emulator by default). */
async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const { text, ...answer } = await callText(method, path, options);
  return { ...answer, body: text === "" ? undefined : JSON.parse(text) };
}

/** As {@link call}, the body left as text: for answers that are not JSON, or not whole. */
async function callText(method: string, path: string, options: CallOptions = {}): Promise<TextAnswer> {
  const started = performance.now();
  const response = await fetch(`${(options.on ?? emulator).url}${path}`, {
    method,
    headers: requestHeaders(options.token),
    body: requestBody(options),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, ms: performance.now() - started };
}

function requestHeaders(token?: string | null): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/vnd.github+json" };
  if (token !== null) headers.authorization = `Bearer ${token ?? TOKEN}`;
  return headers;
}

function requestBody(options: CallOptions): string | undefined {
  return options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
}

interface RawAnswer {
  /** Undefined when no status line came before the client gave up. */
  status?: number;
  /** The header lines as sent: name, value, name, value... */
  rawHeaders: string[];
  /** The body's bytes received. */
  received: Buffer;
  /** Whether the body came whole; false when the client gave up first. */
  ended: boolean;
}

/**
 * One API call over `node:http`, for what fetch hides: the header lines as sent, and an answer
 * that never ends, given up (the socket closed) after `waitMs`.
 */
function rawCall(method: string, path: string, options: CallOptions & { waitMs?: number } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const answer: RawAnswer = { rawHeaders: [], received: Buffer.alloc(0), ended: false };
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      answer.received = Buffer.concat(chunks);
      resolve(answer);
    };
    // agent: false, so that no kept-alive socket outlives the call.
    const req = request(
      `${(options.on ?? emulator).url}${path}`,
      { method, headers: requestHeaders(options.token), agent: false },
      (res) => {
        answer.status = res.statusCode;
        answer.rawHeaders = res.rawHeaders;
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          answer.ended = true;
          finish();
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish();
    }, options.waitMs ?? 5_000);
    // Destroying the request on giving up rejects it; the answer so far is what the test looks at.
    req.on("error", () => undefined);
    req.end(requestBody(options));
  });
}

/** The values of a header's lines, as sent, in order. */
function headerLines(answer: RawAnswer, name: string): string[] {
  return answer.rawHeaders.flatMap((value, i) =>
    i % 2 === 0 && value.toLowerCase() === name ? [answer.rawHeaders[i + 1]] : [],
  );
}

function control(method: string, path: string, body?: unknown, on?: Emulator): Promise<Answer> {
  return call(method, `/_emulator/${path}`, { token: null, body, on });
}

async function reset(on?: Emulator): Promise<void> {
  expect((await control("POST", "reset", undefined, on)).status).toBe(204);
}

async function addFault(rule: object, on?: Emulator): Promise<FaultRule> {
  const answer = await control("POST", "faults", rule, on);
  expect(answer.status).toBe(201);
  return answer.body;
}

async function faults(on?: Emulator): Promise<FaultRule[]> {
  return (await control("GET", "faults", undefined, on)).body;
}

async function requests(on?: Emulator): Promise<RequestRecord[]> {
  return (await control("GET", "requests", undefined, on)).body;
}

async function limits(on?: Emulator): Promise<LimitsStatus> {
  return (await control("GET", "limits", undefined, on)).body;
}

async function storedNames(): Promise<string[]> {
  return ((await control("GET", "secrets")).body as Array<{ name: string }>).map((s) => s.name);
}

async function publicKey(scope: string, on?: Emulator): Promise<{ key_id: string; key: string }> {
  const answer = await call("GET", `${scope}/secrets/public-key`, { on });
  expect(answer.status).toBe(200);
  return answer.body;
}

function seal(key: { key_id: string; key: string }, value: string): { encrypted_value: string; key_id: string } {
  const ORIGINAL = sodium.base64_variants.ORIGINAL;
  return {
    encrypted_value: sodium.to_base64(sodium.crypto_box_seal(value, sodium.from_base64(key.key, ORIGINAL)), ORIGINAL),
    key_id: key.key_id,
  };
}

async function putSecret(scope: string, name: string, value: string, on?: Emulator): Promise<Answer> {
  const body = seal(await publicKey(scope, on), value);
  return call("PUT", `${scope}/secrets/${name}`, { body, on });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes repository secrets out of band, so that lists have something to page through. */
async function seedRepoSecrets(...names: string[]): Promise<void> {
  for (const name of names) {
    const answer = await control("POST", "secrets", {
      scope: "repo",
      owner: "octo-org",
      repository: "hello-world",
      name,
      value: "v",
    });
    expect(answer.status).toBe(201);
  }
}

/** Octokit's paginate reads the next page from this; a garbled link must not match it. */
const NEXT_LINK = /<([^<>]+)>;\s*rel="next"/;

/** A fresh emulator for one test, closed afterwards. */
async function withEmulator(options: EmulatorOptions, use: (on: Emulator) => Promise<void>): Promise<void> {
  const own = await startEmulator(options);
  try {
    await use(own);
  } finally {
    await own.close();
  }
}

describe("the fault rules' control surface", () => {
  test("POST adds a rule with an id and its defaults, GET lists them with counters, DELETE removes one or all", async () => {
    const first = await addFault({ kind: "status", status: 503 });
    expect(first).toEqual({
      id: expect.any(Number),
      kind: "status",
      share: 1,
      count: null,
      method: null,
      path: null,
      status: 503,
      matched: 0,
      injected: 0,
    });
    const second = await addFault({ kind: "latency", ms: 5, share: 0.5, count: 3, method: "PUT", path: "/secrets/A$" });
    expect(second).toEqual({
      id: first.id + 1,
      kind: "latency",
      share: 0.5,
      count: 3,
      method: "PUT",
      path: "/secrets/A$",
      ms: 5,
      matched: 0,
      injected: 0,
    });
    expect(await faults()).toEqual([first, second]);

    expect((await control("DELETE", `faults/${first.id}`)).status).toBe(204);
    expect((await control("DELETE", `faults/${first.id}`)).status).toBe(404);
    expect((await faults()).map((rule) => rule.id)).toEqual([second.id]);
    expect((await control("DELETE", "faults")).status).toBe(204);
    expect(await faults()).toEqual([]);
  });

  test("every kind with its fields is accepted", async () => {
    for (const rule of [
      { kind: "latency", ms: 0 },
      { kind: "status", status: 500, ms: 1 },
      { kind: "status", status: 502 },
      { kind: "reset", method: "DELETE" },
      { kind: "secondary-rate-limit", retryAfter: 3 },
      { kind: "secondary-rate-limit" },
      { kind: "primary-rate-limit", resetInSeconds: 2 },
      { kind: "not-found-after-write", count: 1, path: "hello-world" },
      { kind: "rotate-keys", afterRequests: 4, method: "PUT" },
      { kind: "gateway-html", status: 504, ms: 1 },
      { kind: "gateway-html", status: 200, share: 0.5 },
      { kind: "date", mode: "drop" },
      { kind: "date", mode: "garble", method: "GET" },
      { kind: "date", mode: "double", count: 2 },
      { kind: "link", path: "/secrets$" },
      { kind: "body", mode: "empty" },
      { kind: "body", mode: "truncate", share: 0.3 },
      { kind: "stall", at: "headers" },
      { kind: "stall", at: "body", method: "DELETE" },
    ]) {
      expect(await addFault(rule)).toMatchObject(rule);
    }
    expect(await faults()).toHaveLength(19);
    // A gateway answers 502 unless told otherwise, and the rule says so.
    expect(await addFault({ kind: "gateway-html" })).toMatchObject({ kind: "gateway-html", status: 502 });
  });

  test("bad rules are refused with 400 and the field named", async () => {
    const refusals: Array<[unknown, RegExp]> = [
      [{ kind: "explode" }, /fault\.kind must be one of "latency", "status"/],
      [{ kind: "status", status: 404 }, /fault\.status must be one of 500, 502, 503/],
      [{ kind: "status" }, /fault\.status must be one of/],
      [{ kind: "latency" }, /fault\.ms is required/],
      [{ kind: "latency", ms: -1 }, /fault\.ms must be a number >= 0/],
      [{ kind: "status", status: 500, share: 1.5 }, /fault\.share must be a number >= 0 and <= 1/],
      [{ kind: "status", status: 500, count: 1.5 }, /fault\.count must be an integer >= 0/],
      [
        { kind: "status", status: 500, method: "OPTIONS" },
        /fault\.method must be one of "GET", "PUT", "POST", "PATCH", "DELETE"/,
      ],
      [{ kind: "status", status: 500, path: "(" }, /fault\.path is not a valid regular expression/],
      [{ kind: "secondary-rate-limit", retry_after: 3 }, /unknown field "retry_after"/],
      [{ kind: "secondary-rate-limit", retryAfter: 1.5 }, /fault\.retryAfter must be an integer >= 0/],
      [{ kind: "primary-rate-limit" }, /fault\.resetInSeconds is required/],
      [{ kind: "rotate-keys", afterRequests: 0 }, /fault\.afterRequests must be an integer >= 1/],
      [{ kind: "rotate-keys", afterRequests: 2, share: 0.5 }, /unknown field "share"/],
      [{ kind: "not-found-after-write", method: "GET" }, /unknown field "method"/],
      [{ kind: "gateway-html", status: 503 }, /fault\.status must be one of 200, 502, 504/],
      [{ kind: "gateway-html", status: "502" }, /fault\.status must be one of 200, 502, 504/],
      [{ kind: "date" }, /fault\.mode must be one of "drop", "garble", "double"/],
      [{ kind: "date", mode: "empty" }, /fault\.mode must be one of "drop", "garble", "double"/],
      [{ kind: "body", mode: "drop" }, /fault\.mode must be one of "empty", "truncate"/],
      [{ kind: "stall" }, /fault\.at must be one of "headers", "body"/],
      [{ kind: "stall", at: "status" }, /fault\.at must be one of "headers", "body"/],
      // Each new field only for its kinds; the modifying kinds take no delay (latency rules do that).
      [{ kind: "link", mode: "drop" }, /fault \(kind link\) has unknown field "mode"/],
      [{ kind: "status", status: 500, mode: "empty" }, /unknown field "mode"/],
      [{ kind: "latency", ms: 1, at: "body" }, /unknown field "at"/],
      [{ kind: "date", mode: "drop", at: "body" }, /unknown field "at"/],
      [{ kind: "stall", at: "body", status: 502 }, /unknown field "status"/],
      [{ kind: "body", mode: "empty", ms: 5 }, /unknown field "ms"/],
      [{ kind: "stall", at: "headers", count: -1 }, /fault\.count must be an integer >= 0/],
      [[], /fault must be a JSON object/],
    ];
    for (const [rule, message] of refusals) {
      const answer = await control("POST", "faults", rule);
      expect([answer.status, answer.body.message]).toEqual([400, expect.stringMatching(message)]);
    }
    expect((await call("POST", "/_emulator/faults", { token: null, raw: "{" })).status).toBe(400);
    expect(await faults()).toEqual([]);
  });

  test("the control surface is never faulted, delayed or logged", async () => {
    await addFault({ kind: "status", status: 500 });
    await addFault({ kind: "latency", ms: 300 });
    const answer = await control("GET", "secrets");
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeLessThan(250);
    expect(await requests()).toEqual([]);
    expect((await faults()).map((rule) => rule.matched)).toEqual([0, 0]);
  });
});

describe("fault kinds", () => {
  test("status: answers 500, 502 or 503 with GitHub's error body, without performing the operation", async () => {
    const key = await publicKey(REPO);
    const rule = await addFault({ kind: "status", status: 503, method: "PUT" });
    const answer = await call("PUT", `${REPO}/secrets/NOT_STORED`, { body: seal(key, "v") });
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      message: "Service Unavailable",
      documentation_url: "https://docs.github.com/rest",
      status: "503",
    });
    expect(answer.headers.get("x-ratelimit-limit")).toBe("5000");
    expect(await storedNames()).toEqual([]);

    await control("DELETE", `faults/${rule.id}`);
    await addFault({ kind: "status", status: 500, method: "DELETE" });
    await addFault({ kind: "status", status: 502, method: "GET", path: "/public-key$" });
    expect((await call("GET", `${REPO}/secrets/public-key`)).status).toBe(502);
    expect((await call("PUT", `${REPO}/secrets/KEPT`, { body: seal(key, "v") })).status).toBe(201);
    const deleted = await call("DELETE", `${REPO}/secrets/KEPT`);
    expect([deleted.status, deleted.body.message]).toEqual([500, "Server Error"]);
    expect(await storedNames()).toEqual(["KEPT"]);
  });

  test("reset: the connection is closed without an answer and the operation is not performed", async () => {
    const key = await publicKey(REPO);
    await addFault({ kind: "reset", method: "PUT", count: 1 });
    await expect(call("PUT", `${REPO}/secrets/DROPPED`, { body: seal(key, "v") })).rejects.toThrow();
    expect(await storedNames()).toEqual([]);
    expect((await call("PUT", `${REPO}/secrets/DROPPED`, { body: seal(key, "v") })).status).toBe(201);
    expect((await requests()).map((r) => [r.method, r.status, r.fault])).toEqual([
      ["GET", 200, undefined],
      ["PUT", 0, "reset"],
      ["PUT", 201, undefined],
    ]);
  });

  test("secondary-rate-limit: 403 with GitHub's message, retry-after only when given", async () => {
    const key = await publicKey(REPO);
    await addFault({ kind: "secondary-rate-limit", retryAfter: 7, count: 1 });
    await addFault({ kind: "secondary-rate-limit", count: 1 });
    const withHeader = await call("PUT", `${REPO}/secrets/LIMITED`, { body: seal(key, "v") });
    expect(withHeader.status).toBe(403);
    expect(withHeader.body.message).toMatch(SECONDARY);
    expect(withHeader.body.message).toMatch(/secondary rate/);
    expect(withHeader.body.status).toBe("403");
    expect(withHeader.headers.get("retry-after")).toBe("7");
    expect(withHeader.headers.get("x-ratelimit-remaining")).not.toBe("0");
    const without = await call("GET", `${REPO}/secrets`);
    expect(without.status).toBe(403);
    expect(without.body.message).toMatch(SECONDARY);
    expect(without.headers.get("retry-after")).toBeNull();
    expect(await storedNames()).toEqual([]);
    expect((await call("GET", `${REPO}/secrets`)).status).toBe(200);
  });

  test("primary-rate-limit: 403 with x-ratelimit-remaining 0, the reset resetInSeconds away and GitHub's message", async () => {
    await addFault({ kind: "primary-rate-limit", resetInSeconds: 30, method: "DELETE" });
    const before = Date.now() / 1000;
    const answer = await call("DELETE", `${REPO}/secrets/ANY`);
    expect(answer.status).toBe(403);
    expect(answer.body.message).toMatch(/^API rate limit exceeded for user ID \d+\.$/);
    expect(answer.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(answer.headers.get("x-ratelimit-limit")).toBe("5000");
    const resetAt = Number(answer.headers.get("x-ratelimit-reset"));
    expect(resetAt).toBeGreaterThanOrEqual(Math.floor(before + 30));
    expect(resetAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000 + 30));
    const anonymous = await call("DELETE", `${REPO}/secrets/ANY`, { token: "unknown" });
    expect(anonymous.body.message).toMatch(/^API rate limit exceeded for 127\.0\.0\.1\. \(But here's the good news/);
    expect(anonymous.headers.get("x-ratelimit-limit")).toBe("60");
  });

  test("not-found-after-write: the first GET of a secret after its PUT is 404, later GETs see it", async () => {
    const rule = await addFault({ kind: "not-found-after-write" });
    expect((await putSecret(REPO, "FRESH", "v")).status).toBe(201);
    const first = await call("GET", `${REPO}/secrets/FRESH`);
    expect(first.status).toBe(404);
    expect(first.body).toEqual({
      message: "Not Found",
      documentation_url: "https://docs.github.com/rest",
      status: "404",
    });
    expect((await call("GET", `${REPO}/secrets/FRESH`)).status).toBe(200);
    expect((await call("GET", `${REPO}/secrets/FRESH`)).status).toBe(200);

    // Every write arms it again, per path (case-insensitively); other paths and lists are not touched.
    await putSecret(REPO, "FRESH", "v2");
    await putSecret(ENV, "OTHER", "v");
    expect((await call("GET", `${REPO}/secrets`)).status).toBe(200);
    expect((await call("GET", `${ENV}/secrets/OTHER`)).status).toBe(404);
    expect((await call("GET", `${REPO}/secrets/fresh`)).status).toBe(404);
    expect((await call("GET", `${REPO}/secrets/FRESH`)).status).toBe(200);
    expect((await faults()).find((r) => r.id === rule.id)).toMatchObject({ matched: 3, injected: 3 });

    // A write the API refused (422) or a fault answered does not arm it; a DELETE disarms it.
    expect(
      (await call("PUT", `${REPO}/secrets/FRESH`, { body: { encrypted_value: "AAAA", key_id: "1" } })).status,
    ).toBe(422);
    expect((await call("GET", `${REPO}/secrets/FRESH`)).status).toBe(200);
    await putSecret(REPO, "GONE", "v");
    expect((await call("DELETE", `${REPO}/secrets/GONE`)).status).toBe(204);
    await putSecret(REPO, "GONE", "v");
    expect((await call("GET", `${REPO}/secrets/GONE`)).status).toBe(404);
    expect((await requests()).filter((r) => r.fault === "not-found-after-write")).toHaveLength(4);
  });

  test("not-found-after-write honours path, count and org secrets", async () => {
    await addFault({ kind: "not-found-after-write", path: "^/orgs/", count: 1 });
    await putSecret(REPO, "REPO_ONE", "v");
    expect((await call("GET", `${REPO}/secrets/REPO_ONE`)).status).toBe(200);
    const key = await publicKey(ORG);
    await call("PUT", `${ORG}/secrets/ORG_ONE`, { body: { ...seal(key, "v"), visibility: "all" } });
    await call("PUT", `${ORG}/secrets/ORG_TWO`, { body: { ...seal(key, "v"), visibility: "all" } });
    expect((await call("GET", `${ORG}/secrets/ORG_ONE`)).status).toBe(404);
    expect((await call("GET", `${ORG}/secrets/ORG_TWO`)).status).toBe(200);
    expect((await faults())[0]).toMatchObject({ matched: 2, injected: 1 });
  });

  test("rotate-keys: every scope's key pair is rotated once, when the n-th matching request arrives", async () => {
    const repoKey = await publicKey(REPO);
    const envKey = await publicKey(ENV);
    await addFault({ kind: "rotate-keys", afterRequests: 3, method: "PUT" });
    expect((await call("PUT", `${REPO}/secrets/ONE`, { body: seal(repoKey, "1") })).status).toBe(201);
    expect((await call("PUT", `${REPO}/secrets/TWO`, { body: seal(repoKey, "2") })).status).toBe(201);
    expect(await publicKey(REPO)).toEqual(repoKey);
    // The third PUT arrives, the keys rotate, and the value sealed with the old key no longer opens.
    const third = await call("PUT", `${REPO}/secrets/THREE`, { body: seal(repoKey, "3") });
    expect([third.status, third.body.message]).toEqual([
      422,
      "Bad request - validation failed due to an improperly encrypted secret",
    ]);
    const newRepoKey = await publicKey(REPO);
    expect(newRepoKey.key_id).not.toBe(repoKey.key_id);
    expect((await publicKey(ENV)).key_id).not.toBe(envKey.key_id);
    expect((await call("PUT", `${REPO}/secrets/THREE`, { body: seal(newRepoKey, "3") })).status).toBe(201);
    // Only once.
    expect((await call("PUT", `${REPO}/secrets/FOUR`, { body: seal(newRepoKey, "4") })).status).toBe(201);
    expect(await publicKey(REPO)).toEqual(newRepoKey);
    expect((await faults())[0]).toMatchObject({ matched: 5, injected: 1 });
    expect((await requests()).filter((r) => r.fault).map((r) => [r.method, r.path, r.status, r.fault])).toEqual([
      ["PUT", `${REPO}/secrets/THREE`, 422, "rotate-keys"],
    ]);
  });

  test("latency: delays matching requests, alone or before another fault's answer", async () => {
    await addFault({ kind: "latency", ms: 120, method: "GET", path: "/secrets$" });
    const slow = await call("GET", `${REPO}/secrets`);
    expect(slow.status).toBe(200);
    expect(slow.ms).toBeGreaterThanOrEqual(115);
    expect((await call("GET", `${REPO}/secrets/public-key`)).ms).toBeLessThan(100);

    await addFault({ kind: "status", status: 500, method: "GET", ms: 60 });
    const both = await call("GET", `${REPO}/secrets`);
    expect(both.status).toBe(500);
    expect(both.ms).toBeGreaterThanOrEqual(175);
    const log = await requests();
    expect(log.map((r) => [r.status, r.fault, r.faults])).toEqual([
      [200, "latency", undefined],
      [200, undefined, undefined],
      [500, "status", ["latency", "status"]],
    ]);
  });

  test("the first answering rule that hits answers; later answering rules are not consulted", async () => {
    const first = await addFault({ kind: "status", status: 502, count: 1 });
    const second = await addFault({ kind: "status", status: 503 });
    expect((await call("GET", `${REPO}/secrets`)).status).toBe(502);
    expect((await call("GET", `${REPO}/secrets`)).status).toBe(503);
    const [a, b] = await faults();
    expect([a.id, a.matched, a.injected]).toEqual([first.id, 2, 1]);
    expect([b.id, b.matched, b.injected]).toEqual([second.id, 1, 1]);
  });
});

describe("faults of what stands between the client and GitHub", () => {
  test("date drop: the answer has no Date header at all; the operation is performed", async () => {
    const key = await publicKey(REPO);
    await addFault({ kind: "date", mode: "drop", method: "PUT" });
    const put = await rawCall("PUT", `${REPO}/secrets/NO_DATE`, { body: seal(key, "v") });
    expect([put.status, put.ended, headerLines(put, "date")]).toEqual([201, true, []]);
    expect(JSON.parse(put.received.toString())).toEqual({});
    expect(await storedNames()).toEqual(["NO_DATE"]);
    const get = await rawCall("GET", `${REPO}/secrets/NO_DATE`);
    expect(headerLines(get, "date")).toHaveLength(1);
    expect((await requests()).map((r) => [r.method, r.status, r.fault])).toEqual([
      ["GET", 200, undefined],
      ["PUT", 201, "date"],
      ["GET", 200, undefined],
    ]);
  });

  test("date garble: a Date header that is not a date, the body intact; share picks the answers", async () => {
    await addFault({ kind: "date", mode: "garble", share: 0.5 });
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await call("GET", `${REPO}/secrets`));
    expect(answers.map((a) => a.headers.get("date"))).toEqual([
      "not a date",
      expect.stringMatching(/ GMT$/),
      "not a date",
      expect.stringMatching(/ GMT$/),
    ]);
    expect(answers.map((a) => [a.status, a.body])).toEqual(Array(4).fill([200, { total_count: 0, secrets: [] }]));
    expect((await faults())[0]).toMatchObject({ matched: 4, injected: 2 });
  });

  test("date double: two Date lines, GitHub's and one 3 s later, which fetch joins with a comma", async () => {
    await addFault({ kind: "date", mode: "double" });
    const before = Date.now();
    const raw = await rawCall("GET", `${REPO}/secrets/public-key`);
    const lines = headerLines(raw, "date");
    expect(lines).toHaveLength(2);
    const [github, proxy] = lines.map((line) => Date.parse(line));
    expect(github).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(github).toBeLessThanOrEqual(Date.now());
    expect(proxy - github).toBe(3_000);

    const joined = (await call("GET", `${REPO}/secrets/public-key`)).headers.get("date") ?? "";
    const parts = /^(\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT), (\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT)$/.exec(
      joined,
    );
    expect(parts).not.toBeNull();
    expect(Date.parse(parts?.[2] ?? "") - Date.parse(parts?.[1] ?? "")).toBe(3_000);
    // As one string, it is not a date.
    expect(Number.isNaN(Date.parse(joined))).toBe(true);
  });

  test("link: a pagination link loses its angle brackets; answers without a link are not consulted", async () => {
    await seedRepoSecrets("A", "B", "C");
    await addFault({ kind: "link", count: 1 });
    expect((await call("GET", `${REPO}/secrets/public-key`)).headers.get("link")).toBeNull();
    const garbled = await call("GET", `${REPO}/secrets?per_page=1`);
    const intact = await call("GET", `${REPO}/secrets?per_page=1`);
    const link = intact.headers.get("link") ?? "";
    expect(link).toMatch(NEXT_LINK);
    expect(garbled.headers.get("link")).toBe(link.replace(/[<>]/g, ""));
    expect(garbled.headers.get("link")).toMatch(/rel="next"/);
    expect(garbled.headers.get("link")).not.toMatch(NEXT_LINK);
    // Only the header: the page itself is GitHub's.
    expect([garbled.status, garbled.body]).toEqual([intact.status, intact.body]);
    expect((await faults())[0]).toMatchObject({ matched: 2, injected: 1 });
    expect((await requests()).map((r) => r.fault)).toEqual([undefined, "link", undefined]);
  });

  test("gateway-html: a gateway's HTML page answers in the API's stead, 502 by default; nothing is performed", async () => {
    const key = await publicKey(REPO);
    await addFault({ kind: "gateway-html", method: "PUT", count: 1 });
    const page = await callText("PUT", `${REPO}/secrets/NOT_STORED`, { body: seal(key, "v") });
    expect(page.status).toBe(502);
    expect(page.headers.get("content-type")).toBe("text/html");
    expect(page.text).toMatch(/^<html>[\s\S]*<title>502 Bad Gateway<\/title>[\s\S]*<\/html>\s*$/);
    expect(page.headers.get("content-length")).toBe(String(Buffer.byteLength(page.text)));
    // Not GitHub's answer: none of its headers, and no rate limit spent.
    expect(page.headers.get("x-github-media-type")).toBeNull();
    expect(page.headers.get("x-ratelimit-used")).toBeNull();
    expect(await storedNames()).toEqual([]);

    await addFault({ kind: "gateway-html", status: 200, method: "GET", count: 1 });
    await addFault({ kind: "gateway-html", status: 504, method: "DELETE", ms: 60 });
    const ok = await callText("GET", `${REPO}/secrets`);
    expect([ok.status, ok.headers.get("content-type")]).toEqual([200, "text/html"]);
    expect(() => JSON.parse(ok.text)).toThrow();
    const timeout = await callText("DELETE", `${REPO}/secrets/NONE`);
    expect([timeout.status, timeout.headers.get("content-type")]).toEqual([504, "text/html"]);
    expect(timeout.text).toMatch(/504 Gateway Time-out/);
    expect(timeout.ms).toBeGreaterThanOrEqual(55);
    // The public-key GET above was the first request GitHub counted; the gateway's three were not.
    expect((await call("GET", `${REPO}/secrets`)).headers.get("x-ratelimit-used")).toBe("2");
    expect((await requests()).map((r) => [r.method, r.status, r.fault])).toEqual([
      ["GET", 200, undefined],
      ["PUT", 502, "gateway-html"],
      ["GET", 200, "gateway-html"],
      ["DELETE", 504, "gateway-html"],
      ["GET", 200, undefined],
    ]);
  });

  test("body empty: the API's status and headers without a byte of body; the write is performed and still counts as one", async () => {
    const key = await publicKey(REPO);
    await addFault({ kind: "not-found-after-write" });
    const rule = await addFault({ kind: "body", mode: "empty", method: "PUT" });
    const put = await callText("PUT", `${REPO}/secrets/EMPTY`, { body: seal(key, "v") });
    expect([put.status, put.text, put.headers.get("content-length")]).toEqual([201, "", "0"]);
    expect(put.headers.get("content-type")).toMatch(/^application\/json/);
    expect(put.headers.get("x-ratelimit-limit")).toBe("5000");
    expect(await storedNames()).toEqual(["EMPTY"]);
    // The rules saw the write's 201: the first read after it is the not-found-after-write 404.
    expect((await call("GET", `${REPO}/secrets/EMPTY`)).status).toBe(404);
    // An update answers 204, which has no body to empty: not consulted.
    expect((await callText("PUT", `${REPO}/secrets/EMPTY`, { body: seal(key, "v2") })).status).toBe(204);
    expect((await faults()).find((r) => r.id === rule.id)).toMatchObject({ matched: 1, injected: 1 });
  });

  test("body truncate: the first half of the JSON with a content-length that matches it; it does not parse", async () => {
    await seedRepoSecrets("ONE", "TWO");
    await addFault({ kind: "body", mode: "truncate", share: 0.5, method: "GET" });
    const cut = await callText("GET", `${REPO}/secrets`);
    const whole = await callText("GET", `${REPO}/secrets`);
    const again = await callText("GET", `${REPO}/secrets`);
    expect(JSON.parse(whole.text)).toMatchObject({ total_count: 2 });
    for (const answer of [cut, again]) {
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(whole.text.slice(0, Math.floor(Buffer.byteLength(whole.text) / 2)));
      expect(answer.headers.get("content-length")).toBe(String(Buffer.byteLength(answer.text)));
      expect(() => JSON.parse(answer.text)).toThrow();
    }
    expect((await faults())[0]).toMatchObject({ matched: 3, injected: 2 });
  });

  test("stall at headers: the operation is performed, then no status line comes until the client gives up", async () => {
    const key = await publicKey(REPO);
    await addFault({ kind: "stall", at: "headers", method: "PUT", count: 1 });
    const started = performance.now();
    const stalled = await rawCall("PUT", `${REPO}/secrets/STALLED`, { body: seal(key, "v"), waitMs: 300 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect([stalled.status, stalled.rawHeaders, stalled.received.length]).toEqual([undefined, [], 0]);
    expect(await storedNames()).toEqual(["STALLED"]);
    // The client that gave up sends it again, and GitHub has it already.
    expect((await call("PUT", `${REPO}/secrets/STALLED`, { body: seal(key, "v") })).status).toBe(204);
    expect((await requests()).map((r) => [r.method, r.status, r.fault])).toEqual([
      ["GET", 200, undefined],
      ["PUT", 201, "stall"],
      ["PUT", 204, undefined],
    ]);
  });

  test("stall at body: status line and headers with the full content-length, half the body, then nothing", async () => {
    await seedRepoSecrets("ONE", "TWO");
    await addFault({ kind: "stall", at: "body", method: "GET" });
    const stalled = await rawCall("GET", `${REPO}/secrets`, { waitMs: 300 });
    await control("DELETE", "faults");
    const whole = await callText("GET", `${REPO}/secrets`);
    const length = Buffer.byteLength(whole.text);
    expect([stalled.status, stalled.ended]).toEqual([200, false]);
    expect(headerLines(stalled, "content-length")).toEqual([String(length)]);
    expect(stalled.received.toString()).toBe(whole.text.slice(0, Math.floor(length / 2)));

    // A 204 has no body to stall in: not consulted, answered as usual.
    const rule = await addFault({ kind: "stall", at: "body", method: "DELETE" });
    expect((await call("DELETE", `${REPO}/secrets/ONE`)).status).toBe(204);
    expect((await faults()).find((r) => r.id === rule.id)).toMatchObject({ matched: 0, injected: 0 });
  });

  test("stalled answers do not keep close() from finishing: their sockets are destroyed", async () => {
    const own = await startEmulator();
    let closed = false;
    try {
      await addFault({ kind: "stall", at: "headers", path: "/public-key$" }, own);
      await addFault({ kind: "stall", at: "body", path: "/secrets$" }, own);
      const outcome = (promise: Promise<unknown>) =>
        promise.then(
          () => "answered",
          () => "failed",
        );
      const noHeaders = outcome(fetch(`${own.url}${REPO}/secrets/public-key`, { headers: requestHeaders() }));
      const halfBody = await fetch(`${own.url}${REPO}/secrets`, { headers: requestHeaders() });
      expect(halfBody.status).toBe(200);
      const rest = outcome(halfBody.text());
      while ((await requests(own)).length < 2) await sleep(10);

      const started = performance.now();
      await own.close();
      closed = true;
      expect(performance.now() - started).toBeLessThan(1_000);
      expect([await noHeaders, await rest]).toEqual(["failed", "failed"]);
    } finally {
      if (!closed) await own.close();
    }
  });

  test("modifying rules change an answering rule's answer too, in rule order; a reset leaves nothing to change", async () => {
    await addFault({ kind: "date", mode: "garble" });
    await addFault({ kind: "status", status: 503, count: 1 });
    await addFault({ kind: "body", mode: "truncate", count: 1 });
    const error = await callText("GET", `${REPO}/secrets`);
    expect([error.status, error.headers.get("date")]).toEqual([503, "not a date"]);
    const github = JSON.stringify({
      message: "Service Unavailable",
      documentation_url: "https://docs.github.com/rest",
      status: "503",
    });
    expect(error.text).toBe(github.slice(0, Math.floor(github.length / 2)));
    const served = await call("GET", `${REPO}/secrets`);
    expect([served.status, served.headers.get("date"), served.body]).toEqual([
      200,
      "not a date",
      { total_count: 0, secrets: [] },
    ]);
    expect((await requests()).map((r) => [r.status, r.fault, r.faults])).toEqual([
      // The answering rule names the request; the list is in rule order.
      [503, "status", ["date", "status", "body"]],
      [200, "date", undefined],
    ]);

    await reset();
    await addFault({ kind: "reset", count: 1 });
    await addFault({ kind: "date", mode: "drop" });
    await expect(call("GET", `${REPO}/secrets`)).rejects.toThrow();
    expect((await faults())[1]).toMatchObject({ matched: 0, injected: 0 });
    expect((await call("GET", `${REPO}/secrets`)).headers.get("date")).toBeNull();
  });

  test("a stall wins: rules before it shape what is sent of the answer, rules after it are not consulted", async () => {
    await addFault({ kind: "date", mode: "drop", count: 1 });
    await addFault({ kind: "stall", at: "body", count: 1 });
    await addFault({ kind: "body", mode: "empty" });
    const stalled = await rawCall("GET", `${REPO}/secrets`, { waitMs: 300 });
    expect([stalled.status, stalled.ended, headerLines(stalled, "date")]).toEqual([200, false, []]);
    const length = Number(headerLines(stalled, "content-length")[0]);
    expect(length).toBeGreaterThan(0);
    expect(stalled.received).toHaveLength(Math.floor(length / 2));
    expect((await faults()).map((r) => [r.matched, r.injected])).toEqual([
      [1, 1],
      [1, 1],
      [0, 0],
    ]);

    // The next answer: no more date or stall hits, and the body rule empties it.
    const next = await callText("GET", `${REPO}/secrets`);
    expect([next.status, next.text, next.headers.get("date")]).toEqual([200, "", expect.stringMatching(/ GMT$/)]);
    expect((await requests()).map((r) => [r.status, r.fault, r.faults])).toEqual([
      [200, "date", ["date", "stall"]],
      [200, "body", undefined],
    ]);
  });
});

describe("share and count", () => {
  async function statuses(n: number, path = `${REPO}/secrets`): Promise<number[]> {
    const seen: number[] = [];
    for (let i = 0; i < n; i += 1) seen.push((await call("GET", path)).status);
    return seen;
  }

  test("share hits ceil(n × share) of n matching requests, the first one included", async () => {
    await addFault({ kind: "status", status: 500, share: 0.5 });
    expect(await statuses(6)).toEqual([500, 200, 500, 200, 500, 200]);
    await control("DELETE", "faults");
    await addFault({ kind: "status", status: 500, share: 0.3 });
    const seen = await statuses(11);
    expect(seen.flatMap((status, i) => (status === 500 ? [i + 1] : []))).toEqual([1, 4, 7, 11]);
    expect((await faults())[0]).toMatchObject({ matched: 11, injected: 4 });
  });

  test("share 0 never hits; share 0.7 over 10 requests hits exactly 7", async () => {
    await addFault({ kind: "status", status: 500, share: 0, path: "/public-key$" });
    await addFault({ kind: "status", status: 503, share: 0.7, path: "/secrets$" });
    expect(await statuses(3, `${REPO}/secrets/public-key`)).toEqual([200, 200, 200]);
    expect((await statuses(10)).filter((s) => s === 503)).toHaveLength(7);
    expect((await faults()).map((r) => [r.matched, r.injected])).toEqual([
      [3, 0],
      [10, 7],
    ]);
  });

  test("count caps the hits; matched keeps counting", async () => {
    await addFault({ kind: "status", status: 503, count: 2 });
    expect(await statuses(4)).toEqual([503, 503, 200, 200]);
    expect((await faults())[0]).toMatchObject({ matched: 4, injected: 2 });
  });

  test("share and count together: the share sequence is not shifted by the cap", async () => {
    await addFault({ kind: "status", status: 503, share: 0.5, count: 2 });
    expect(await statuses(6)).toEqual([503, 200, 503, 200, 200, 200]);
  });

  test("method and path select the requests; the rest do not count as matched", async () => {
    const key = await publicKey(REPO);
    await addFault({ kind: "status", status: 503, method: "PUT", path: "/secrets/TARGET$" });
    expect((await call("PUT", `${REPO}/secrets/OTHER`, { body: seal(key, "v") })).status).toBe(201);
    expect((await call("GET", `${REPO}/secrets/OTHER`)).status).toBe(200);
    expect((await call("PUT", `${REPO}/secrets/TARGET`, { body: seal(key, "v") })).status).toBe(503);
    expect(await storedNames()).toEqual(["OTHER"]);
    expect((await faults())[0]).toMatchObject({ matched: 1, injected: 1 });
  });

  test("the path is matched raw: URL-encoded, with the query string left out", async () => {
    await addFault({ kind: "status", status: 500, path: "prod%2Feu%20west/secrets$" });
    expect(
      (await call("GET", "/repos/octo-org/hello-world/environments/prod%2Feu%20west/secrets?per_page=1")).status,
    ).toBe(500);
    expect((await call("GET", `${ENV}/secrets`)).status).toBe(200);
  });

  test("the request log counts faults and the retries after them", async () => {
    await addFault({ kind: "status", status: 502, share: 0.5, method: "GET" });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      let answer = await call("GET", `${REPO}/secrets`);
      while (answer.status === 502) answer = await call("GET", `${REPO}/secrets`);
    }
    const log = await requests();
    expect(log).toHaveLength(6);
    expect(log.filter((r) => r.fault === "status")).toHaveLength(3);
    expect(log.map((r) => r.status)).toEqual([502, 200, 502, 200, 502, 200]);
  });
});

describe("what Octokit's retry and throttling plugins make of the faults", () => {
  const Client = Octokit.plugin(retry, throttling);
  function client(events: string[]) {
    return new Client({
      auth: TOKEN,
      baseUrl: emulator.url,
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      retry: { retryAfterBaseValue: 10 },
      throttle: {
        onRateLimit: (after: number) => (events.push(`primary ${after}`), true),
        onSecondaryRateLimit: (after: number) => (events.push(`secondary ${after}`), true),
        fallbackSecondaryRateRetryAfter: 0,
        retryAfterBaseValue: 10,
      },
    });
  }

  test("a secondary limit with retry-after is retried after that many seconds; a 503 by the retry plugin", async () => {
    const events: string[] = [];
    await addFault({ kind: "secondary-rate-limit", retryAfter: 0, count: 1 });
    await addFault({ kind: "status", status: 503, count: 1 });
    const { status } = await client(events).rest.actions.listRepoSecrets({ owner: "octo-org", repo: "hello-world" });
    expect(status).toBe(200);
    expect(events).toEqual(["secondary 0"]);
    expect((await requests()).map((r) => [r.status, r.fault])).toEqual([
      [403, "secondary-rate-limit"],
      [503, "status"],
      [200, undefined],
    ]);
  });

  test("a primary limit is recognized by x-ratelimit-remaining 0 and waited out until the reset", async () => {
    const events: string[] = [];
    await addFault({ kind: "primary-rate-limit", resetInSeconds: 0, count: 1 });
    const { status } = await client(events).rest.actions.getRepoPublicKey({ owner: "octo-org", repo: "hello-world" });
    expect(status).toBe(200);
    expect(events).toHaveLength(1);
    // Octokit waits until the reset (at most 1 s away, rounded up to whole seconds) plus a second.
    expect(events[0]).toMatch(/^primary [12]$/);
  });
});

describe("latency for every request", () => {
  test("startEmulator({ latencyMs }) delays every API answer; POST /_emulator/latency changes it; reset restores it", async () => {
    await withEmulator({ latencyMs: 80 }, async (own) => {
      expect((await control("GET", "latency", undefined, own)).body).toEqual({ ms: 80 });
      expect((await call("GET", `${REPO}/secrets`, { on: own })).ms).toBeGreaterThanOrEqual(75);
      expect((await call("GET", `${REPO}/secrets`, { on: own, token: "bad" })).ms).toBeGreaterThanOrEqual(75);
      expect((await control("GET", "secrets", undefined, own)).ms).toBeLessThan(60);

      expect((await control("POST", "latency", { ms: 0 }, own)).body).toEqual({ ms: 0 });
      expect((await call("GET", `${REPO}/secrets`, { on: own })).ms).toBeLessThan(60);
      await reset(own);
      expect((await control("GET", "latency", undefined, own)).body).toEqual({ ms: 80 });
      expect((await requests(own)).filter((r) => r.fault)).toEqual([]);
    });
  });

  test("latency adds to fault rules' delays; concurrent requests wait side by side", async () => {
    await control("POST", "latency", { ms: 60 });
    await addFault({ kind: "latency", ms: 60, path: "/public-key$" });
    expect((await call("GET", `${REPO}/secrets/public-key`)).ms).toBeGreaterThanOrEqual(115);
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 10 }, () => call("GET", `${REPO}/secrets`)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });

  test("bad latencies are refused", async () => {
    for (const body of [{}, { ms: -1 }, { ms: "5" }, { ms: 5, extra: 1 }]) {
      expect((await control("POST", "latency", body)).status).toBe(400);
    }
    await expect(startEmulator({ latencyMs: -5 })).rejects.toThrow("options.latencyMs must be a number >= 0");
  });
});

describe("secondary limits, on a clock", () => {
  const settings = (change: object = {}) =>
    validateLimitSettings({ pointsPerMinute: 10, writePoints: 5, readPoints: 1, minuteMs: 60_000, ...change });

  test("a sliding window: points free up minuteMs after the request that spent them", () => {
    const limits = new SecondaryLimits(settings());
    const admitted = (method: string, at: number) => {
      const admission = limits.admit(method, at);
      if (admission.admitted) admission.release();
      return admission;
    };
    expect(admitted("PUT", 0)).toMatchObject({ admitted: true });
    expect(admitted("DELETE", 20_000)).toMatchObject({ admitted: true });
    // 10 of 10 points spent: a GET waits for the first PUT's points (free at 60 s).
    expect(admitted("GET", 30_000)).toEqual({ admitted: false, reason: "points", retryAfter: 30 });
    expect(admitted("GET", 59_999)).toEqual({ admitted: false, reason: "points", retryAfter: 1 });
    expect(limits.status(59_999)).toMatchObject({ pointsUsed: 10, rejected: 2, rejectedPoints: 2 });
    // At 60 s the first PUT's 5 points are free, the DELETE's are not (a fixed window would free both).
    expect(admitted("GET", 60_000)).toMatchObject({ admitted: true });
    expect(limits.status(60_000).pointsUsed).toBe(6);
    expect(admitted("PUT", 60_500)).toEqual({ admitted: false, reason: "points", retryAfter: 20 });
    expect(admitted("GET", 60_500)).toMatchObject({ admitted: true });
    expect(admitted("GET", 60_600)).toMatchObject({ admitted: true });
    expect(admitted("GET", 60_700)).toMatchObject({ admitted: true });
    expect(admitted("GET", 60_800)).toMatchObject({ admitted: true });
    // Full again: a write waits for the DELETE's 5 points (free at 80 s).
    expect(admitted("PUT", 61_000)).toEqual({ admitted: false, reason: "points", retryAfter: 19 });
    expect(limits.status(80_000)).toMatchObject({ pointsUsed: 5, pointsTotal: 15 });
    expect(admitted("PUT", 80_000)).toMatchObject({ admitted: true });
    // Now a write needs the points of all five GETs; the last of them frees at 120.8 s.
    expect(admitted("PUT", 80_001)).toEqual({ admitted: false, reason: "points", retryAfter: 41 });
  });

  test("retry-after is rounded up, and at least 1", () => {
    const limits = new SecondaryLimits(settings({ pointsPerMinute: 5, minuteMs: 1_500 }));
    expect(limits.admit("PUT", 0)).toMatchObject({ admitted: true });
    expect(limits.admit("GET", 1)).toEqual({ admitted: false, reason: "points", retryAfter: 2 });
    expect(limits.admit("GET", 1_499)).toEqual({ admitted: false, reason: "points", retryAfter: 1 });
  });

  test("concurrency: refused while `concurrent` requests are in flight, admitted once one is done", () => {
    const limits = new SecondaryLimits(settings({ concurrent: 2, pointsPerMinute: 900 }));
    const a = limits.admit("GET", 0);
    const b = limits.admit("GET", 0);
    expect(limits.admit("GET", 1)).toEqual({ admitted: false, reason: "concurrent", retryAfter: 1 });
    if (!a.admitted || !b.admitted) throw new Error("should be admitted");
    a.release();
    a.release();
    expect(limits.admit("GET", 2)).toMatchObject({ admitted: true });
    expect(limits.status(2)).toMatchObject({
      inFlight: 2,
      inFlightPeak: 2,
      rejected: 1,
      rejectedConcurrent: 1,
      pointsUsed: 3,
    });
  });

  test("defaults are GitHub's; settings are checked", () => {
    expect(validateLimitSettings({})).toEqual({
      concurrent: 100,
      pointsPerMinute: 900,
      writePoints: 5,
      readPoints: 1,
      minuteMs: 60_000,
    });
    expect(() => validateLimitSettings({ concurrent: 0 })).toThrow("limits.concurrent must be an integer >= 1");
    expect(() => validateLimitSettings({ minuteMs: 0 })).toThrow("limits.minuteMs must be a number > 0");
    expect(() => validateLimitSettings({ pointsPerMinute: 4 })).toThrow(
      "limits.writePoints must not exceed pointsPerMinute (4)",
    );
    expect(() => validateLimitSettings({ perMinute: 4 })).toThrow('unknown field "perMinute"');
    expect(() => validateLimitSettings(null)).toThrow("limits must be a JSON object");
  });
});

describe("secondary limits over HTTP", () => {
  test("off by default; GET /_emulator/limits still shows the in-flight peak", async () => {
    await Promise.all(Array.from({ length: 5 }, () => call("GET", `${REPO}/secrets`)));
    const status = await limits();
    expect(status).toMatchObject({ enabled: false, settings: null, rejected: 0, pointsUsed: 0, inFlight: 0 });
    expect(status.inFlightPeak).toBeGreaterThanOrEqual(1);
  });

  test("over-concurrency is refused with 403, GitHub's secondary message and retry-after", async () => {
    await withEmulator({ latencyMs: 200, limits: { concurrent: 3 } }, async (own) => {
      const answers = await Promise.all(Array.from({ length: 6 }, () => call("GET", `${REPO}/secrets`, { on: own })));
      const refused = answers.filter((a) => a.status === 403);
      expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
      expect(refused).toHaveLength(3);
      for (const answer of refused) {
        expect(answer.body.message).toMatch(SECONDARY);
        expect(answer.headers.get("retry-after")).toBe("1");
      }
      expect(await limits(own)).toMatchObject({
        enabled: true,
        settings: { concurrent: 3, pointsPerMinute: 900, writePoints: 5, readPoints: 1, minuteMs: 60_000 },
        rejected: 3,
        rejectedConcurrent: 3,
        inFlight: 0,
        inFlightPeak: 3,
        pointsUsed: 3,
      });
      expect((await requests(own)).filter((r) => r.limit === "concurrent").map((r) => r.status)).toEqual([
        403, 403, 403,
      ]);
      // Once they are done, the next ones pass.
      expect(
        (await Promise.all([1, 2, 3].map(() => call("GET", `${REPO}/secrets`, { on: own })))).map((a) => a.status),
      ).toEqual([200, 200, 200]);
    });
  });

  test("over-budget is refused with retry-after until the window moves on; refused requests cost nothing", async () => {
    const set = await control("POST", "limits", { pointsPerMinute: 10, minuteMs: 600 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      enabled: true,
      settings: { pointsPerMinute: 10, writePoints: 5, readPoints: 1, minuteMs: 600 },
      rejected: 0,
    });

    const firstDone = await call("DELETE", `${REPO}/secrets/NONE`).then(
      (a) => (expect(a.status).toBe(404), performance.now()),
    );
    await sleep(300);
    const secondSent = performance.now();
    expect((await call("DELETE", `${REPO}/secrets/NONE`)).status).toBe(404);
    const refused = await call("GET", `${REPO}/secrets`);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(SECONDARY);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect((await call("PUT", `${REPO}/secrets/X`, { body: {} })).status).toBe(403);
    expect(await limits()).toMatchObject({ pointsUsed: 10, rejected: 2, rejectedPoints: 2 });

    // Past the first DELETE's minute but within the second's: 5 points free, not 10.
    await sleep(firstDone + 600 + 50 - performance.now());
    expect(performance.now()).toBeLessThan(secondSent + 600);
    expect((await call("GET", `${REPO}/secrets`)).status).toBe(200);
    expect((await call("DELETE", `${REPO}/secrets/NONE`)).status).toBe(403);
    expect((await call("GET", `${REPO}/secrets`)).status).toBe(200);

    // The whole window later, everything is free again.
    await sleep(650);
    expect((await call("DELETE", `${REPO}/secrets/NONE`)).status).toBe(404);
    expect((await call("DELETE", `${REPO}/secrets/NONE`)).status).toBe(404);
    expect((await requests()).map((r) => [r.status, r.limit])).toEqual([
      [404, undefined],
      [404, undefined],
      [403, "points"],
      [403, "points"],
      [200, undefined],
      [403, "points"],
      [200, undefined],
      [404, undefined],
      [404, undefined],
    ]);
    expect(await limits()).toMatchObject({ rejected: 3, pointsTotal: 22 });
  });

  test("retry-after counts whole seconds until enough points are free", async () => {
    await withEmulator({ limits: { pointsPerMinute: 5, minuteMs: 4_000 } }, async (own) => {
      expect((await call("DELETE", `${REPO}/secrets/NONE`, { on: own })).status).toBe(404);
      const refused = await call("GET", `${REPO}/secrets`, { on: own });
      expect(refused.status).toBe(403);
      expect(refused.headers.get("retry-after")).toBe("4");
    });
  });

  test("POST null or DELETE switches them off; bad settings are refused; POST starts the counters afresh", async () => {
    await control("POST", "limits", { pointsPerMinute: 1, writePoints: 1, readPoints: 1 });
    await call("GET", `${REPO}/secrets`);
    expect((await call("GET", `${REPO}/secrets`)).status).toBe(403);
    expect((await control("POST", "limits", { pointsPerMinute: 1, writePoints: 1 })).body).toMatchObject({
      rejected: 0,
      pointsUsed: 0,
    });
    expect((await call("GET", `${REPO}/secrets`)).status).toBe(200);
    expect((await control("POST", "limits", null)).body).toMatchObject({ enabled: false, settings: null });
    expect((await call("GET", `${REPO}/secrets`)).status).toBe(200);
    await control("POST", "limits", { pointsPerMinute: 1, writePoints: 1 });
    await call("GET", `${REPO}/secrets`);
    expect((await control("DELETE", "limits")).status).toBe(204);
    expect((await call("GET", `${REPO}/secrets`)).status).toBe(200);

    for (const body of [{ concurrent: -1 }, { minuteMs: "fast" }, [], { nope: 1 }]) {
      expect((await control("POST", "limits", body)).status).toBe(400);
    }
    expect((await call("POST", "/_emulator/limits", { token: null, raw: "" })).status).toBe(400);
    expect((await limits()).enabled).toBe(false);
    await expect(startEmulator({ limits: { concurrent: 0 } })).rejects.toThrow(
      "options.limits.concurrent must be an integer >= 1",
    );
  });

  test("limits and faults together: the limits refuse first and a refused request does not reach the rules", async () => {
    await control("POST", "limits", { pointsPerMinute: 2, writePoints: 1, minuteMs: 60_000 });
    await addFault({ kind: "status", status: 503 });
    expect((await call("GET", `${REPO}/secrets`)).status).toBe(503);
    expect((await call("GET", `${REPO}/secrets`)).status).toBe(503);
    expect((await call("GET", `${REPO}/secrets`)).status).toBe(403);
    expect((await faults())[0]).toMatchObject({ matched: 2, injected: 2 });
  });
});

describe("reset", () => {
  test("POST /_emulator/reset clears the fault rules and the log, and returns limits and latency to the start options", async () => {
    await withEmulator({ limits: { concurrent: 7 } }, async (own) => {
      await addFault({ kind: "status", status: 500 }, own);
      await addFault({ kind: "not-found-after-write" }, own);
      await control("POST", "limits", { concurrent: 1, pointsPerMinute: 1, writePoints: 1 }, own);
      await control("POST", "latency", { ms: 30 }, own);
      await call("GET", `${REPO}/secrets`, { on: own });
      await call("GET", `${REPO}/secrets`, { on: own });

      await reset(own);
      expect(await faults(own)).toEqual([]);
      expect(await requests(own)).toEqual([]);
      expect((await control("GET", "latency", undefined, own)).body).toEqual({ ms: 0 });
      expect(await limits(own)).toMatchObject({
        enabled: true,
        settings: { concurrent: 7, pointsPerMinute: 900 },
        rejected: 0,
        pointsUsed: 0,
        pointsTotal: 0,
      });
      expect((await call("GET", `${REPO}/secrets`, { on: own })).status).toBe(200);
      // Rule ids keep counting, so an old id never names a new rule.
      expect((await addFault({ kind: "reset" }, own)).id).toBe(3);
    });
  });

  test("without start options, a reset switches the limits and the latency off", async () => {
    await control("POST", "limits", {});
    await control("POST", "latency", { ms: 10 });
    await reset();
    expect(await limits()).toMatchObject({ enabled: false, settings: null });
    expect((await control("GET", "latency")).body).toEqual({ ms: 0 });
  });

  test("a request in flight across a reset is not logged after it", async () => {
    await addFault({ kind: "latency", ms: 150 });
    const slow = call("GET", `${REPO}/secrets`);
    await sleep(50);
    await reset();
    expect((await slow).status).toBe(200);
    expect(await requests()).toEqual([]);
    expect((await limits()).inFlight).toBe(0);
  });
});
