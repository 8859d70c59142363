// `npm run bench [-- --quick] [--sizes 10,100] [--latency 50] [--minute-ms 6000] [--parallel 10] [--no-limited] [--no-capped] [--node-options=OPTS] [--out FILE]`
//
// Runs the `declared` test program through the engine harness (as `pulumi up` runs it) against the
// emulator, in this process, for N secrets over an organization, 10 repositories and their 20
// environments, and measures every operation; then the same under GitHub's secondary limits with
// the provider paced to them; then two baselines written with Octokit directly; then check()'s CPU
// time; then, when N reaches 1,000, the largest series again with a capped V8 heap. Prints the tables and writes them (with the machine and the command) to bench/RESULTS.md,
// or to --out; --quick (N = 100 only) writes nothing unless --out is given.
import { execFile, execFileSync } from "node:child_process";
import { promisify, parseArgs } from "node:util";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { startEmulator, type Emulator } from "../emulator";
import { benchStack } from "./stack";
import { keyPerWrite, unbounded } from "./baselines";
import { apiSpan, classify, machine, machineLoad, sampleProviderHost, type RequestRecord } from "./measure";
import { changedTenth, declared, fixture, scopesOf, secrets, TOKEN, valueOf, type BenchSecret } from "./workload";
import {
  renderResults,
  type BaselineRow,
  type CheckRow,
  type DirectRow,
  type Measured,
  type OpRow,
  type Results,
} from "./report";

// Compiled to bench/dist/bench/.
const ROOT = join(__dirname, "..", "..", "..");
// The suite's own program, given its list in resources.json (see its index.ts for why).
const PROGRAM = join(ROOT, "programs", "declared");
const CONCURRENCY = 10; // the provider's default github:maxConcurrency, left as it is
const LIMIT_POINTS = 900;
const WRITE_POINTS = 5;
const READ_POINTS = 1;

const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    sizes: { type: "string" },
    latency: { type: "string", default: "50" },
    "minute-ms": { type: "string", default: "6000" },
    parallel: { type: "string", default: String(CONCURRENCY) },
    out: { type: "string" },
    "no-limited": { type: "boolean", default: false },
    /** NODE_OPTIONS for the processes the benchmark starts (program, provider host), e.g. --max-old-space-size=96. */
    "node-options": { type: "string" },
    "no-capped": { type: "boolean", default: false },
  },
});
const SIZES = flags.sizes ? flags.sizes.split(",").map(Number) : flags.quick ? [100] : [10, 100, 1000];
const LATENCY_MS = Number(flags.latency);
const MINUTE_MS = Number(flags["minute-ms"]);
const PARALLEL = flags.parallel;
const OUT = flags.out ?? (flags.quick || flags.sizes ? undefined : join(ROOT, "bench", "RESULTS.md"));
// Node reads NODE_OPTIONS when it starts, so this reaches the children only, not this process.
if (flags["node-options"]) process.env.NODE_OPTIONS = flags["node-options"];
const CAPPED_NODE_OPTIONS = "--max-old-space-size=96";
const LIMITS = {
  concurrent: 100,
  pointsPerMinute: LIMIT_POINTS,
  writePoints: WRITE_POINTS,
  readPoints: READ_POINTS,
  minuteMs: MINUTE_MS,
};

const log = (text: string) => process.stderr.write(`${text}\n`);

async function control<T>(emulator: Emulator, path: string): Promise<T> {
  return (await (await fetch(`${emulator.url}/_emulator/${path}`)).json()) as T;
}
const requestLog = (emulator: Emulator) => control<RequestRecord[]>(emulator, "requests");
const rejectedSoFar = async (emulator: Emulator) => (await control<{ rejected: number }>(emulator, "limits")).rejected;
const stored = (emulator: Emulator) =>
  control<Array<{ name: string; value: string; scope: string }>>(emulator, "secrets");

async function measure(emulator: Emulator, what: () => Promise<void>): Promise<Measured> {
  const mark = (await requestLog(emulator)).length;
  const rejected0 = await rejectedSoFar(emulator);
  const stopLoad = machineLoad();
  const stopHost = sampleProviderHost();
  const stopSpan = apiSpan();
  const t0 = performance.now();
  await what();
  const wallMs = performance.now() - t0;
  const span = stopSpan();
  const host = stopHost();
  const load = stopLoad();
  const records = (await requestLog(emulator)).slice(mark);
  const writes = records.filter((r) => r.method !== "GET" && r.status !== 403);
  return {
    wallMs,
    spanMs: span.ms,
    span,
    counts: classify(records),
    distinctWrites: new Set(writes.map((r) => `${r.method} ${r.path}`)).size,
    rejected: (await rejectedSoFar(emulator)) - rejected0,
    host,
    load,
  };
}

/** What the stored secrets should be: every secret of `list` with its value of `generation` (per name). */
async function verify(emulator: Emulator, expected: Map<string, string>, what: string): Promise<void> {
  const have = await stored(emulator);
  const wrong = have.filter((s) => expected.get(s.name) !== s.value).length + Math.max(0, expected.size - have.length);
  if (have.length !== expected.size || wrong > 0)
    throw new Error(`${what}: the emulator holds ${have.length} secrets (${wrong} wrong), ${expected.size} expected`);
}

/**
 * One series: create, preview, up unchanged, up with 10% changed, refresh, destroy. With
 * `nodeOptions`, every process the engine starts gets them (Node reads NODE_OPTIONS at start).
 */
async function series(n: number, limited: boolean, nodeOptions?: string): Promise<OpRow[]> {
  const mode = limited ? "limited" : nodeOptions ? "capped" : "latency";
  const emulator = await startEmulator({
    port: 0,
    fixture: fixture(),
    latencyMs: LATENCY_MS,
    ...(limited && { limits: LIMITS }),
  });
  // Without limits, pacing off (as programs/declared-stack.ts has it for the suite); with them, paced
  // to the emulator's budget and its short "minute".
  const pacing: Record<string, string> = limited
    ? { "github:pointsPerMinute": String(LIMIT_POINTS), "github:rateLimitMinuteMs": String(MINUTE_MS) }
    : { "github:pointsPerMinute": "0" };
  const stack = await benchStack(emulator.url, TOKEN, PROGRAM, pacing);
  const rows: OpRow[] = [];
  try {
    const list = secrets(n);
    const changed = changedTenth(list);
    const changedNames = new Set(changed.map((s) => s.name));
    const generationOf = (s: BenchSecret, step: number) => (step > 0 && changedNames.has(s.name) ? 1 : 0);
    const declare = (step: number) => stack.declare(list.map((s) => declared(s, valueOf(s, generationOf(s, step)))));
    const expectedStored = (step: number) =>
      new Map(list.map((s) => [s.secretName, valueOf(s, generationOf(s, step))]));

    const op = async (name: OpRow["op"], args: string[], expected: OpRow["expected"], after?: () => Promise<void>) => {
      log(`  ${mode} N=${n}: ${name} ...`);
      let result = { exitCode: 0, stdout: "", stderr: "" };
      const inherited = process.env.NODE_OPTIONS;
      if (nodeOptions) process.env.NODE_OPTIONS = nodeOptions;
      const m = await measure(emulator, async () => {
        result = await stack.run(...args);
      }).finally(() => {
        if (nodeOptions) process.env.NODE_OPTIONS = inherited;
      });
      if (result.exitCode !== 0)
        throw new Error(
          `${name} (N=${n}, ${mode}) exited ${result.exitCode}:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-2000)}`,
        );
      await after?.();
      const row: OpRow = { mode, n, op: name, ...m, expected, minimumMs: budgetMinimumMs(expected) };
      rows.push(row);
      log(
        `    wall ${(m.wallMs / 1000).toFixed(2)} s, API ${(m.spanMs / 1000).toFixed(2)} s, ${m.counts.total} requests (${m.counts.keys} keys, ${m.counts.writes} writes, ${m.counts.reads} reads, ${m.counts.other} other), ${m.rejected} rejected, host ${m.host.peakRssMb.toFixed(0)} MB, in flight mean ${m.span.meanInFlight.toFixed(1)} peak ${m.span.peakInFlight}`,
      );
    };
    const p = ["--parallel", PARALLEL];

    declare(0);
    await op("up (create all)", ["up", "--yes", ...p], { keys: scopesOf(list), writes: n, reads: 0, other: 0 }, () =>
      verify(emulator, expectedStored(0), "after create"),
    );
    await op("preview (no change)", ["preview", ...p], { keys: 0, writes: 0, reads: 0, other: 0 });
    await op("up (no change)", ["up", "--yes", ...p], { keys: 0, writes: 0, reads: 0, other: 0 });
    declare(1);
    await op(
      "up (10% changed)",
      ["up", "--yes", ...p],
      { keys: scopesOf(changed), writes: changed.length, reads: 0, other: 0 },
      () => verify(emulator, expectedStored(1), "after the update"),
    );
    await op("refresh", ["refresh", "--yes", ...p], { keys: 0, writes: 0, reads: n, other: 0 });
    await op("destroy", ["destroy", "--yes", ...p], { keys: 0, writes: n, reads: 0, other: 0 }, () =>
      verify(emulator, new Map(), "after destroy"),
    );
    return rows;
  } finally {
    stack.remove();
    await emulator.close();
  }
}

/** The time the budget allows at the least for the requests an operation needs: points ÷ 900 × the minute. */
function budgetMinimumMs(expected: OpRow["expected"]): number {
  const points = expected.writes * WRITE_POINTS + (expected.keys + expected.reads + expected.other) * READ_POINTS;
  return (points / LIMIT_POINTS) * MINUTE_MS;
}

async function baselineKeyPerWrite(n: number): Promise<BaselineRow> {
  const emulator = await startEmulator({ port: 0, fixture: fixture(), latencyMs: LATENCY_MS });
  try {
    const list = secrets(n);
    log(`  baseline (a) key per write, N=${n} ...`);
    const m = await measure(emulator, () => keyPerWrite(emulator.url, list, CONCURRENCY));
    const landed = (await stored(emulator)).length;
    return {
      kind: "keyPerWrite",
      n,
      wallMs: m.wallMs,
      spanMs: m.spanMs,
      span: m.span,
      counts: m.counts,
      rejected: m.rejected,
      landed,
      failed: n - landed,
      load: m.load,
    };
  } finally {
    await emulator.close();
  }
}

async function baselineUnbounded(n: number): Promise<BaselineRow> {
  const emulator = await startEmulator({ port: 0, fixture: fixture(), latencyMs: LATENCY_MS, limits: LIMITS });
  try {
    const list = secrets(n);
    log(`  baseline (b) unbounded, no retry, under the limits, N=${n} ...`);
    let failed = 0;
    const m = await measure(emulator, async () => {
      failed = (await unbounded(emulator.url, list)).failed;
    });
    const landed = (await stored(emulator)).length;
    return {
      kind: "unbounded",
      n,
      wallMs: m.wallMs,
      spanMs: m.spanMs,
      span: m.span,
      counts: m.counts,
      rejected: m.rejected,
      landed,
      failed,
      load: m.load,
    };
  } finally {
    await emulator.close();
  }
}

/** The provider alone (bench/provider-direct.ts in a child process): check and create for all N at once. */
async function providerDirect(n: number, limited: boolean): Promise<DirectRow> {
  const emulator = await startEmulator({
    port: 0,
    fixture: fixture(),
    latencyMs: LATENCY_MS,
    ...(limited && { limits: LIMITS }),
  });
  try {
    log(`  provider alone, ${limited ? "paced, under the limits" : "no limits"}, N=${n} ...`);
    const args = [
      join(__dirname, "provider-direct.js"),
      String(n),
      emulator.url,
      limited ? String(LIMIT_POINTS) : "0",
      String(MINUTE_MS),
    ];
    let failed = 0;
    // Asynchronously: the emulator answers from this process's event loop.
    const m = await measure(emulator, async () => {
      const { stdout } = await promisify(execFile)(process.execPath, args, { encoding: "utf8" });
      failed = (JSON.parse(stdout.trim().split("\n").pop()!) as { failed: number }).failed;
    });
    const landed = (await stored(emulator)).length;
    const expected = { keys: scopesOf(secrets(n)), writes: n, reads: 0, other: 0 };
    return {
      mode: limited ? "limited" : "latency",
      n,
      wallMs: m.wallMs,
      spanMs: m.spanMs,
      span: m.span,
      counts: m.counts,
      rejected: m.rejected,
      landed,
      failed,
      expected,
      minimumMs: budgetMinimumMs(expected),
    };
  } finally {
    await emulator.close();
  }
}

function checkCpu(n: number): CheckRow {
  const script = join(__dirname, "check-cpu.js");
  const out = execFileSync(process.execPath, [script, String(n)], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as CheckRow;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = machineLoad();
  const results: Results = {
    machine: machine(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    startedAt: startedAt.toISOString(),
    sizes: SIZES,
    latencyMs: LATENCY_MS,
    minuteMs: MINUTE_MS,
    concurrency: CONCURRENCY,
    parallel: Number(PARALLEL),
    limits: LIMITS,
    ops: [],
    direct: [],
    baselines: [],
    checks: [],
    loadavgBefore: (await import("node:os")).loadavg(),
  };
  log(
    `bench: N = ${SIZES.join(", ")}; latency ${LATENCY_MS} ms; limits ${JSON.stringify(LIMITS)}; --parallel ${PARALLEL}`,
  );

  for (const n of SIZES) results.checks.push(checkCpu(n));
  for (const n of SIZES) {
    results.baselines.push(await baselineKeyPerWrite(n));
    results.direct.push(await providerDirect(n, false));
    results.ops.push(...(await series(n, false)));
    if (!flags["no-limited"]) {
      results.baselines.push(await baselineUnbounded(n));
      results.direct.push(await providerDirect(n, true));
      results.ops.push(...(await series(n, true)));
    }
  }
  // The host's peak is mostly V8 growing its heap ahead of need: the largest series once more with
  // the heap capped shows what it needs.
  const largest = Math.max(...SIZES);
  if (!flags["no-capped"] && largest >= 1000) {
    results.cappedNodeOptions = CAPPED_NODE_OPTIONS;
    results.ops.push(...(await series(largest, false, CAPPED_NODE_OPTIONS)));
  }
  results.totalMs = Date.now() - startedAt.getTime();
  results.load = loadAtStart();
  results.loadavgAfter = (await import("node:os")).loadavg();

  const text = renderResults(results);
  process.stdout.write(text);
  if (OUT) {
    writeFileSync(OUT, text);
    log(`\nwritten to ${relative(process.cwd(), OUT) || OUT}`);
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
