import { spawn } from "node:child_process";
import { join } from "node:path";
import { defaultFixture, startEmulator, type Emulator } from "../../emulator";
import { declaredStack, type Declared } from "../support/stack";

// 200 secrets over organization, repository and environment scopes, one `up` per fault kind:
// afterwards every secret decrypts to its value on the emulator, none is missing or extra, the
// state agrees, and a second `up` changes nothing.
const SCOPES: Array<[number, (i: number) => Pick<Declared, "kind" | "args">]> = [
  [50, (i) => ({ kind: "OrgSecret", args: { org: "octo-org", secretName: `ORG_${i}`, visibility: i % 2 ? "all" : "private" } })],
  [50, (i) => ({ kind: "RepoSecret", args: { owner: "octo-org", repository: "hello-world", secretName: `HELLO_${i}` } })],
  [50, (i) => ({ kind: "RepoSecret", args: { owner: "octo-org", repository: "spoon-knife", secretName: `SPOON_${i}` } })],
  [25, (i) => ({ kind: "EnvSecret", args: { owner: "octo-org", repository: "hello-world", environment: "production", secretName: `PROD_${i}` } })],
  [25, (i) => ({ kind: "EnvSecret", args: { owner: "octo-org", repository: "hello-world", environment: "prod/eu west", secretName: `EU_${i}` } })],
];
const secrets = (run: string): Declared[] =>
  SCOPES.flatMap(([count, make], scope) =>
    Array.from({ length: count }, (_, i) => ({ ...make(i), name: `s${scope}-${i}`, value: `${run}-value-${scope}-${i}` })),
  );
const expectedOnGitHub = (declared: Declared[]) =>
  declared.map((d) => `${String((d.args.secretName as string).toUpperCase())}@${d.args.environment ?? d.args.repository ?? "org"}=${d.value}`).sort();

const FAULTS: Array<[string, object]> = [
  ["latency", { kind: "latency", ms: 150, share: 0.3 }],
  ["server errors (500/502/503)", { kind: "status", status: 503, share: 0.1, method: "PUT" }],
  ["connection resets", { kind: "reset", share: 0.05 }],
  ["secondary rate limit", { kind: "secondary-rate-limit", retryAfter: 1, share: 0.02, count: 5 }],
  ["primary rate limit", { kind: "primary-rate-limit", resetInSeconds: 1, count: 2 }],
  ["404 on the first read after a write", { kind: "not-found-after-write" }],
  ["key rotation part-way", { kind: "rotate-keys", afterRequests: 100 }],
];

let emulator: Emulator;
const control = async (path: string, init?: RequestInit): Promise<any> => {
  const text = await (await fetch(`${emulator.url}/_emulator/${path}`, init)).text();
  return text ? JSON.parse(text) : undefined;
};
const post = (path: string, body: unknown) => control(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const onGitHub = async () =>
  ((await control("secrets")) as any[]).map((s) => `${s.name}@${s.environment ?? s.repository ?? "org"}=${s.value}`).sort();

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, fixture: defaultFixture() });
});
afterAll(() => emulator.close());
beforeEach(() => control("reset", { method: "POST" }));

const figures: string[] = [];
afterAll(() => process.stdout.write(`\nFault suite (200 secrets per run):\n${figures.join("\n")}\n`));

test.each(FAULTS)("%s: every secret right, none missing or extra, and a second up changes nothing", async (what, fault) => {
  const stack = await declaredStack(emulator.url, "emulator-token");
  try {
    const declared = secrets(what.replace(/\W+/g, "-"));
    await stack.declare(declared);
    // `up --refresh` after the first up reads every secret right after its write.
    await post("faults", fault);
    const first = await stack.up();
    const refreshed = await stack.refresh();
    const log = (await control("requests")) as any[];
    const rules = (await control("faults")) as any[];
    await control("faults", { method: "DELETE" });

    expect(first.stderr).toBe("");
    expect({ exitCode: first.exitCode, printed: first.exitCode === 0 ? "" : first.stdout.slice(-3000) }).toEqual({ exitCode: 0, printed: "" });
    expect(refreshed.exitCode).toBe(0);
    expect(await onGitHub()).toEqual(expectedOnGitHub(declared));
    const state = (await stack.exported()).resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
    expect(state).toHaveLength(200);
    expect(state.filter((r) => r.outputs.drift).map((r) => `${r.id}: ${r.outputs.drift}`)).toEqual([]);

    const mark = ((await control("requests")) as unknown[]).length;
    const second = await stack.up();
    expect(second.stdout).toMatch(/201 unchanged/);
    expect(((await control("requests")) as unknown[]).length).toBe(mark);

    const writes = log.filter((r) => r.method === "PUT");
    const retries = writes.length - new Set(writes.map((r) => r.path)).size;
    const injected = rules.reduce((n, r) => n + r.injected, 0);
    figures.push(`  ${what}: ${injected} faults injected, ${log.length} requests (${writes.length} writes, ${retries} writes retried), 0 operations failed`);
  } finally {
    stack.remove();
  }
}, 180_000);

test("a run killed part-way converges on the next up, nothing duplicated or lost", async () => {
  const stack = await declaredStack(emulator.url, "emulator-token");
  try {
    const declared = secrets("killed");
    await stack.declare(declared);
    await post("latency", { ms: 40 });
    // The harness's own command in a process of its own, as a pipeline runs `pulumi up`, killed
    // once some secrets are written.
    const cli = join(__dirname, "..", "..", "dist-engine", "cli.js");
    const env = { ...process.env, PULUMI_CONFIG_PASSPHRASE: "test passphrase", PULUMI_NODEJS_TRANSPILE_ONLY: "true", GITHUB_TOKEN: "", ...stack.env() };
    const child = spawn(process.execPath, [cli, "up", "--yes", "--cwd", stack.dir], { env, stdio: "ignore", detached: true });
    while (((await control("secrets")) as unknown[]).length < 40) await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(-child.pid!, "SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const written = ((await control("secrets")) as unknown[]).length;
    expect(written).toBeLessThan(200);
    await post("latency", { ms: 0 });

    const next = await stack.up();
    expect(next.exitCode).toBe(0);
    expect(await onGitHub()).toEqual(expectedOnGitHub(declared));
    expect((await stack.exported()).resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"))).toHaveLength(200);
    expect((await stack.up()).stdout).toMatch(/201 unchanged/);
    figures.push(`  killed after ${written} of 200 secrets were written: the next up wrote the rest and the second changed nothing`);
  } finally {
    stack.remove();
  }
}, 180_000);
