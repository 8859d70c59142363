import { CLIENT_DEFAULTS } from "./client";
import { createContext, type ProviderContext } from "./context";
import { listSecrets } from "./lookups";
import { repoSecret } from "./repo-secret";
import { SETTING_DEFAULTS } from "./settings";
import { asEngineSends, TOKEN, useEmulatedGitHub } from "../tests/support/emulated-github";

// What stands between the provider and GitHub (proxies, gateways, a cut connection), injected by
// the emulator's fault rules: a write GitHub took is never reported as failed, a run never hangs,
// and each failure says which of the three kinds it was.
const github = useEmulatedGitHub({ resetEachTest: true });
const TIMEOUT_MS = 400;
const SECRETS = /\/actions\/secrets\/[A-Z_0-9]+$/.source;
const PUBLIC_KEY = /\/public-key$/.source;

// Octokit's retry plugin waits 1, 4 and 9 s before its retries; the tests wait 1, 4 and 9 ms.
const retryBaseMs = CLIENT_DEFAULTS.retryBaseMs;
beforeAll(() => {
  CLIENT_DEFAULTS.retryBaseMs = 1;
});
afterAll(() => {
  CLIENT_DEFAULTS.retryBaseMs = retryBaseMs;
});

const context = (): ProviderContext =>
  createContext({
    ...SETTING_DEFAULTS,
    pointsPerMinute: 0,
    token: TOKEN,
    baseUrl: github.url,
    requestTimeoutMs: TIMEOUT_MS,
  });
const args = (secretName: string, value = `value of ${secretName}`) => ({
  owner: "octo-org",
  repository: "hello-world",
  secretName,
  plaintextValue: value,
});

async function create(ctx: ProviderContext, news: Record<string, unknown>) {
  const checked = await repoSecret.check(ctx, {}, news);
  const created = await repoSecret.create(ctx, asEngineSends(checked.inputs));
  return asEngineSends(created.outs);
}

const failureOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => "succeeded",
    (error: Error) => error.message,
  );
const requests = async (method: string) => (await github.requests()).filter((r) => r.method === method);

test("two Date headers (a proxy passing GitHub's on beside its own): the write is recorded as written, with the later time", async () => {
  await github.addFault({ kind: "date", mode: "double", method: "PUT" });
  const ctx = context();
  const outs = await create(ctx, args("PERF_A0"));

  expect((await github.secrets()).map((s) => [s.name, s.value])).toEqual([["PERF_A0", "value of PERF_A0"]]);
  const secret = (await github.secrets())[0];
  // The later of the two headers: never earlier than GitHub's own updated_at for the write.
  expect(Date.parse(outs.writtenAt!)).toBeGreaterThanOrEqual(Date.parse(secret.updated_at));
  expect(Date.parse(outs.writtenAt!) - Date.now()).toBeLessThan(60_000);
  const read = await repoSecret.read(ctx, "octo-org/hello-world/PERF_A0", outs);
  expect(read.props?.drift).toBeUndefined();
});

test.each([["drop"], ["garble"]] as const)(
  "a Date header dropped or garbled (%s): the write stands, timed by this machine's clock, and a refresh sees no drift",
  async (mode) => {
    await github.addFault({ kind: "date", mode, method: "PUT" });
    const ctx = context();
    const before = Math.floor(Date.now() / 1000) * 1000;
    const outs = await create(ctx, args("TIMED"));

    expect(Date.parse(outs.writtenAt!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(outs.writtenAt!)).toBeLessThanOrEqual(Date.now());
    expect(await requests("PUT")).toHaveLength(1);
    const read = await repoSecret.read(ctx, "octo-org/hello-world/TIMED", outs);
    expect(read.props?.drift).toBeUndefined();
    expect(read.props?.writtenAt).toBe((await github.secrets())[0].updated_at);
  },
);

test("a gateway's HTML page in GitHub's stead (status 200) is not taken for a write: the PUT is sent again and lands", async () => {
  await github.addFault({ kind: "gateway-html", status: 200, method: "PUT", count: 1 });
  await create(context(), args("BEHIND_GATEWAY"));
  expect(await requests("PUT")).toHaveLength(2);
  expect((await github.secrets()).map((s) => s.name)).toEqual(["BEHIND_GATEWAY"]);
});

test("an HTML 502 on every try: 'could not be read', with status and content type, and that the write may have landed", async () => {
  await github.addFault({ kind: "gateway-html", status: 502, method: "PUT" });
  const message = await failureOf(create(context(), args("NEVER")));
  expect(message).toMatch(
    /^RepoSecret octo-org\/hello-world\/NEVER: writing the secret failed: GitHub's answer could not be read: the body is not JSON: "<html>.*" \(status 502, content type "text\/html.*"\) \(PUT .*\)\. Something other than GitHub's API may have answered \(a proxy or gateway\): check github:baseUrl.*The change may have reached GitHub all the same/,
  );
  expect(message).not.toMatch(/could not reach/);
  // The retry plugin's three retries.
  expect(await requests("PUT")).toHaveLength(4);
});

test.each([["empty"], ["truncate"]] as const)(
  "a JSON body %s on the public key's answer is read again, and the write goes through",
  async (mode) => {
    await github.addFault({ kind: "body", mode, path: PUBLIC_KEY, count: 1 });
    await create(context(), args("AFTER_BAD_BODY"));
    expect((await requests("GET")).map((r) => r.status)).toEqual([200, 200]);
    expect((await github.secrets()).map((s) => s.value)).toEqual(["value of AFTER_BAD_BODY"]);
  },
);

test("a body cut off on every try says so, never 'could not reach GitHub'", async () => {
  await github.addFault({ kind: "body", mode: "truncate", path: PUBLIC_KEY });
  const message = await failureOf(create(context(), args("CUT")));
  expect(message).toMatch(
    /fetching the public key failed: GitHub's answer could not be read: the JSON body is cut off or malformed \(\d+ bytes\) \(status 200, content type "application\/json/,
  );
  expect(message).not.toMatch(/may have reached GitHub/);
});

test("an answer that stalls mid-body times out, counts as a network failure and is retried: the write that had landed stands", async () => {
  await github.addFault({ kind: "stall", at: "body", method: "PUT", count: 1 });
  const started = Date.now();
  await create(context(), args("STALLED_ONCE"));
  expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 4);
  expect((await requests("PUT")).length).toBe(2);
  expect((await github.secrets()).map((s) => s.value)).toEqual(["value of STALLED_ONCE"]);
});

test("no answer at all, on every try: the run ends after the retries with 'could not reach GitHub' and the timeout", async () => {
  await github.addFault({ kind: "stall", at: "headers", path: PUBLIC_KEY });
  const started = Date.now();
  const message = await failureOf(create(context(), args("NO_ANSWER")));
  expect(message).toMatch(
    /fetching the public key failed: could not reach GitHub: no complete answer within 400 ms \(github:requestTimeoutMs\) \(GET .*\), even after retries\. Check the network/,
  );
  expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 4 + 2_000);
  expect(await requests("PUT")).toHaveLength(0);
});

test("connections reset on every try: 'could not reach GitHub', and for a write that it may have landed", async () => {
  await github.addFault({ kind: "reset", path: SECRETS });
  const message = await failureOf(create(context(), args("RESET")));
  expect(message).toMatch(
    /writing the secret failed: could not reach GitHub: .+\(PUT .*\), even after retries\..*The change may have reached GitHub all the same/,
  );
  expect(message).not.toMatch(/GitHub answered/);
});

test("a garbled pagination link does not shorten a list without a word", async () => {
  for (let i = 0; i < 130; i++)
    await github.upsertSecret({ scope: "org", owner: "octo-org", name: `LISTED_${i}`, value: "v", visibility: "all" });
  const ctx = context();
  const all = await listSecrets(ctx, { kind: "org", org: "octo-org" }, "listing");
  expect(all).toHaveLength(130);

  await github.addFault({ kind: "link" });
  const message = await failureOf(listSecrets(ctx, { kind: "org", org: "octo-org" }, "listing"));
  expect(message).toMatch(
    /listing failed: GitHub's answer could not be read: GitHub counts 130 secrets but its pages held 100; the link to the next page is "/,
  );
});

test("GitHub's 422 for a full repository is its refusal, said as such, and does not fetch the key again", async () => {
  for (let i = 0; i < 100; i++)
    await github.upsertSecret({
      scope: "repo",
      owner: "octo-org",
      repository: "hello-world",
      name: `FULL_${i}`,
      value: "v",
    });
  const message = await failureOf(create(context(), args("ONE_TOO_MANY")));
  expect(message).toMatch(
    /writing the secret failed: GitHub answered 422: ".*maximum of 100 secrets.*" \(PUT .*\)\. GitHub refused the request as invalid\./,
  );
  expect((await requests("GET")).filter((r) => r.path.endsWith("/public-key"))).toHaveLength(1);
  expect(await requests("PUT")).toHaveLength(1);
});
