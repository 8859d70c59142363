// `npm run bench [-- --quick] [--sizes 10,100,1000] [--tools gh,terraform,terraform-no-delay,harness,cli,floor]
//   [--latency 50] [--minute-ms 60000] [--terraform-defaults-max 100] [--out FILE]`
//
// Side by side, each against a fresh emulator with the same latency, enforcing GitHub's secondary
// limits over a sliding window (900 points a minute, a write 5, a read 1; 100 requests in flight),
// for N new secrets over an organization, 10 repositories and their 20 environments, then a run
// with nothing changed and a run with every tenth value changed, where the tool has them:
//   gh secret set -f, Terraform's GitHub provider run by OpenTofu (at its defaults, and with its
//   write delay taken away), this package through the engine harness and through the real Pulumi
//   CLI, and a do-nothing dynamic provider through the real CLI (the platform's floor).
// Then check()'s CPU time. Prints the tables and writes them (with the machine and the command) to
// bench/RESULTS.md, or to --out; --quick (N = 100 only), --sizes and --tools write nothing unless
// --out is given.
import { execFile, execFileSync } from "node:child_process";
import { promisify, parseArgs } from "node:util";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { emulatorControl, startEmulator, type Emulator } from "../emulator";
import { apiSpan, classify, machine, machineLoad, sampleProviderHost } from "./measure";
import { ghSetAll, tofuApply, writeTerraformConfig, type ToolRun } from "./peers";
import { benchStack, type BenchEngine } from "./stack";
import { changedTenth, declared, fixture, secrets, TOKEN, valueOf, type BenchSecret } from "./workload";
import {
  renderResults,
  TOOLS,
  type CheckRow,
  type Measured,
  type OpName,
  type Results,
  type Row,
  type Tool,
} from "./report";

// Compiled to bench/dist/bench/.
const ROOT = join(__dirname, "..", "..", "..");
const PROGRAM = join(ROOT, "programs", "declared");
const FLOOR_PROGRAM = join(ROOT, "bench", "floor");

const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    sizes: { type: "string" },
    tools: { type: "string" },
    latency: { type: "string", default: "50" },
    "minute-ms": { type: "string", default: "60000" },
    "terraform-defaults-max": { type: "string", default: "100" },
    out: { type: "string" },
  },
});
const SIZES = flags.sizes ? flags.sizes.split(",").map(Number) : flags.quick ? [100] : [10, 100, 1000];
const LATENCY_MS = Number(flags.latency);
const MINUTE_MS = Number(flags["minute-ms"]);
const TERRAFORM_DEFAULTS_MAX = Number(flags["terraform-defaults-max"]);
const SELECTED = (flags.tools?.split(",") ?? [...TOOLS]) as Tool[];
for (const tool of SELECTED)
  if (!TOOLS.includes(tool)) throw new Error(`--tools: no tool "${tool}" (${TOOLS.join(", ")})`);
const OUT = flags.out ?? (flags.quick || flags.sizes || flags.tools ? undefined : join(ROOT, "bench", "RESULTS.md"));
/** GitHub's secondary limits, as the emulator enforces them (see the README's "Rate limits"). */
const LIMITS = { concurrent: 100, pointsPerMinute: 900, writePoints: 5, readPoints: 1, minuteMs: MINUTE_MS };

const log = (text: string) => process.stderr.write(`${text}\n`);

async function measure(emulator: Emulator, what: () => Promise<void>): Promise<Measured> {
  const control = emulatorControl(emulator.url);
  const mark = (await control.requests()).length;
  const rejected0 = (await control.limits()).rejected;
  const stopLoad = machineLoad();
  const stopHost = sampleProviderHost();
  const stopSpan = apiSpan();
  const t0 = performance.now();
  await what();
  const wallMs = performance.now() - t0;
  const span = stopSpan();
  const host = stopHost();
  const load = stopLoad();
  const records = (await control.requests()).slice(mark);
  return {
    wallMs,
    span,
    counts: classify(records),
    rejected: (await control.limits()).rejected - rejected0,
    host,
    load,
  };
}

/** A step's check: how many of `subset` the emulator holds with their values after `step`. */
function landedAfter(emulator: Emulator, w: ReturnType<typeof workload>, step: number, subset: BenchSecret[]) {
  return async (): Promise<Partial<Row>> => {
    const expected = w.expected(step, subset);
    const stored = await emulatorControl(emulator.url).secrets();
    return { landed: stored.filter((s) => expected.get(s.name) === s.value).length, landedOf: subset.length };
  };
}

/** The N secrets, their values before and after the 10% change, and what each step should need. */
function workload(n: number) {
  const list = secrets(n);
  const changed = changedTenth(list);
  const changedNames = new Set(changed.map((s) => s.name));
  const generationOf = (s: BenchSecret, step: number) => (step > 0 && changedNames.has(s.name) ? 1 : 0);
  return {
    list,
    changed,
    value: (step: number) => (s: BenchSecret) => valueOf(s, generationOf(s, step)),
    expected: (step: number, subset = list) =>
      new Map(subset.map((s) => [s.secretName, valueOf(s, generationOf(s, step))])),
  };
}

/**
 * Runs `steps` against a fresh emulator enforcing the limits (the API under /api/v3 for Terraform's
 * provider); each step is measured and becomes a row.
 */
async function session(
  tool: Tool,
  n: number,
  steps: (emulator: Emulator, step: StepRunner) => Promise<void>,
): Promise<Row[]> {
  const emulator = await startEmulator({
    port: 0,
    fixture: fixture(),
    latencyMs: LATENCY_MS,
    limits: LIMITS,
    ...(tool.startsWith("terraform") && { apiPrefix: "/api/v3" }),
  });
  const rows: Row[] = [];
  const step: StepRunner = async (op, run, check) => {
    log(`  ${tool} N=${n}: ${op} ...`);
    let result: ToolRun = { exitCode: 0, output: "" };
    const measured = await measure(emulator, async () => {
      result = await run();
    });
    const row: Row = {
      tool,
      n,
      op,
      ...measured,
      exitCode: result.exitCode,
      ...(result.timedOut && { timedOut: true }),
      ...(await check?.()),
    };
    rows.push(row);
    log(
      `    ${row.timedOut ? "timed out" : `exit ${row.exitCode}`}, wall ${(row.wallMs / 1000).toFixed(2)} s, API ${(row.span.ms / 1000).toFixed(2)} s, ${row.counts.total} requests (${row.counts.keys} keys, ${row.counts.writes} writes, ${row.counts.reads} reads, ${row.counts.other} other), ${row.rejected} rejected${row.landed === undefined ? "" : `, ${row.landed}/${row.landedOf} landed`}`,
    );
    if (result.exitCode !== 0) log(`    ${result.output.trim().split("\n").slice(-6).join("\n    ")}`);
    return result;
  };
  try {
    await steps(emulator, step);
  } finally {
    await emulator.close();
  }
  return rows;
}

type StepRunner = (op: OpName, run: () => Promise<ToolRun>, check?: () => Promise<Partial<Row>>) => Promise<ToolRun>;

/** This package (or the floor's do-nothing provider) through an engine: create, preview, up, 10% changed. */
async function pulumiSeries(tool: Tool, n: number, engine: BenchEngine): Promise<Row[]> {
  const floor = tool === "floor";
  const w = workload(n);
  return session(tool, n, async (emulator, step) => {
    // The provider at its defaults; only the length of the limit's "minute" follows the emulator's.
    const pacing: Record<string, string> =
      MINUTE_MS === 60_000 ? {} : { "github:rateLimitMinuteMs": String(MINUTE_MS) };
    const stack = await benchStack(emulator.url, TOKEN, floor ? FLOOR_PROGRAM : PROGRAM, pacing, engine);
    const engineRun = async (...args: string[]) => {
      const result = await stack.run(...args);
      return { exitCode: result.exitCode, output: (result.stdout + result.stderr).slice(-8000) };
    };
    // This package must succeed at every step: a failure is the benchmark's, not a figure.
    const mustSucceed = async (run: Promise<ToolRun>) => {
      const result = await run;
      if (result.exitCode !== 0) throw new Error(`${tool} N=${n} exited ${result.exitCode}:\n${result.output}`);
      return result;
    };
    const landed = (step: number, subset: BenchSecret[]) =>
      floor ? undefined : landedAfter(emulator, w, step, subset);
    try {
      stack.declare(w.list.map((s) => declared(s, w.value(0)(s))));
      await step("create", () => mustSucceed(engineRun("up", "--yes")), landed(0, w.list));
      await step("preview (no change)", () => mustSucceed(engineRun("preview")));
      await step("up (no change)", () => mustSucceed(engineRun("up", "--yes")));
      if (floor) return;
      stack.declare(w.list.map((s) => declared(s, w.value(1)(s))));
      await step("10% changed", () => mustSucceed(engineRun("up", "--yes")), landed(1, w.changed));
    } finally {
      stack.remove();
    }
  });
}

async function ghSeries(n: number): Promise<Row[]> {
  const w = workload(n);
  return session("gh", n, async (emulator, step) => {
    const dir = mkdtempSync(join(tmpdir(), "bench-gh-"));
    const origin = new URL(emulator.url).origin;
    try {
      await step("create", () => ghSetAll(dir, origin, w.list, 0), landedAfter(emulator, w, 0, w.list));
      // gh has no notion of "no change": it writes whatever it is given. The change is the changed secrets alone.
      await step("10% changed", () => ghSetAll(dir, origin, w.changed, 1), landedAfter(emulator, w, 1, w.changed));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

async function terraformSeries(tool: Tool, n: number, peersDir: string): Promise<Row[]> {
  const w = workload(n);
  const settings = { writeDelayMs: tool === "terraform" ? 1000 : 1 };
  return session(tool, n, async (emulator, step) => {
    const dir = mkdtempSync(join(tmpdir(), "bench-terraform-"));
    const origin = new URL(emulator.url).origin;
    try {
      writeTerraformConfig(dir, origin, w.list, w.value(0), settings);
      await step("create", () => tofuApply(dir, peersDir), landedAfter(emulator, w, 0, w.list));
      await step("up (no change)", () => tofuApply(dir, peersDir));
      writeTerraformConfig(dir, origin, w.list, w.value(1), settings);
      await step("10% changed", () => tofuApply(dir, peersDir), landedAfter(emulator, w, 1, w.changed));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

function checkCpu(n: number): CheckRow {
  const script = join(__dirname, "check-cpu.js");
  const out = execFileSync(process.execPath, [script, String(n)], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as CheckRow;
}

/** The last line a build script prints (its output directory), or why it could not build. */
async function built(script: string): Promise<{ dir: string } | { why: string }> {
  try {
    const { stdout } = await promisify(execFile)("bash", [join(ROOT, "scripts", script)], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    return { dir: stdout.trim().split("\n").pop()! };
  } catch (e) {
    const { stderr, message } = e as { stderr?: string; message: string };
    return { why: `scripts/${script} failed: ${(stderr || message).trim().split("\n").slice(-3).join(" ")}` };
  }
}

function toolVersions(peersDir: string | undefined, cliDir: string | undefined): Record<string, string> {
  /** The first line of what `command` prints that matches `pattern` (tofu warns about its CLI config first). */
  const version = (command: string, args: string[], pattern: RegExp) => {
    try {
      const out = execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
      return out.split("\n").find((line) => pattern.test(line)) ?? "unknown";
    } catch {
      return "not available";
    }
  };
  return {
    gh: version("gh", ["--version"], /^gh version/).replace(/^gh version /, ""),
    ...(peersDir && {
      tofu: version(join(peersDir, "tofu"), ["version"], /^OpenTofu v/),
      "terraform-provider-github": version("cat", [join(peersDir, "terraform-provider-github.version")], /^v/),
    }),
    ...(cliDir && { pulumi: version(join(cliDir, "pulumi"), ["version"], /^v/) }),
  };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = machineLoad();
  const unavailable: Record<string, string> = {};
  const wants = (...tools: Tool[]) => tools.some((t) => SELECTED.includes(t));

  const cli = wants("cli", "floor") ? await built("pulumi-cli.sh") : undefined;
  const peers = wants("gh", "terraform", "terraform-no-delay") ? await built("bench-peers.sh") : undefined;
  const cliDir = cli && "dir" in cli ? cli.dir : undefined;
  const peersDir = peers && "dir" in peers ? peers.dir : undefined;
  if (cli && "why" in cli) unavailable.cli = unavailable.floor = cli.why;
  if (peers && "why" in peers) unavailable.terraform = unavailable["terraform-no-delay"] = peers.why;
  try {
    execFileSync("gh", ["--version"], { stdio: "ignore" });
  } catch {
    if (wants("gh")) unavailable.gh = "gh is not installed (scripts/bench-peers.sh installs Debian's package as root)";
  }
  const runs = (tool: Tool) => SELECTED.includes(tool) && !unavailable[tool];

  const results: Results = {
    machine: machine(),
    // Pulumi's own settings reach the CLI through the environment (PULUMI_SKIP_CHECKPOINTS, say): they are part of the command.
    command: [
      ...Object.entries(process.env)
        // Never a credential (PULUMI_ACCESS_TOKEN, PULUMI_CONFIG_PASSPHRASE) into a file that gets committed.
        .filter(([key]) => key.startsWith("PULUMI_") && !/TOKEN|PASSPHRASE|SECRET|KEY|PASSWORD/.test(key))
        .map(([key, value]) => `${key}=${value}`),
      `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    ].join(" "),
    startedAt: startedAt.toISOString(),
    sizes: SIZES,
    latencyMs: LATENCY_MS,
    limits: LIMITS,
    terraformDefaultsMax: TERRAFORM_DEFAULTS_MAX,
    versions: toolVersions(peersDir, cliDir),
    tools: SELECTED,
    unavailable,
    rows: [],
    checks: [],
    loadavgBefore: (await import("node:os")).loadavg(),
  };
  log(`bench: N = ${SIZES.join(", ")}; latency ${LATENCY_MS} ms; limits ${JSON.stringify(LIMITS)}`);
  for (const [tool, why] of Object.entries(unavailable)) log(`  ${tool} left out: ${why}`);

  for (const n of SIZES) results.checks.push(checkCpu(n));
  for (const n of SIZES) {
    if (runs("gh")) results.rows.push(...(await ghSeries(n)));
    if (runs("terraform") && n <= TERRAFORM_DEFAULTS_MAX)
      results.rows.push(...(await terraformSeries("terraform", n, peersDir!)));
    if (runs("terraform-no-delay")) results.rows.push(...(await terraformSeries("terraform-no-delay", n, peersDir!)));
    if (runs("harness")) results.rows.push(...(await pulumiSeries("harness", n, { kind: "harness" })));
    if (runs("cli")) results.rows.push(...(await pulumiSeries("cli", n, { kind: "cli", dir: cliDir! })));
    if (runs("floor")) results.rows.push(...(await pulumiSeries("floor", n, { kind: "cli", dir: cliDir! })));
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
