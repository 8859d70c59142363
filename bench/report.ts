// The benchmark's figures as Markdown: the machine, the command, a table per series, the
// baselines and their ratios, check()'s CPU time, and every target with met/missed.
import type { HostFigures, LoadFigures, RequestCounts, SpanFigures } from "./measure";

export type OpName =
  "up (create all)" | "preview (no change)" | "up (no change)" | "up (10% changed)" | "refresh" | "destroy";

/** What one engine operation measured. */
export interface Measured {
  wallMs: number;
  spanMs: number;
  span: SpanFigures;
  counts: RequestCounts;
  /** Distinct paths written: fewer than counts.writes means a write was retried. */
  distinctWrites: number;
  rejected: number;
  host: HostFigures;
  load: LoadFigures;
}

export interface OpRow extends Measured {
  /** "capped": the latency series again, every process started with a capped V8 heap (Results.cappedNodeOptions). */
  mode: "latency" | "limited" | "capped";
  n: number;
  op: OpName;
  /** The requests the operation needs: a key GET per scope written, a write per secret written, a read per secret refreshed. */
  expected: { keys: number; writes: number; reads: number; other: number };
  /** Those requests' points ÷ 900 × the minute. */
  minimumMs: number;
}

/** A run of N writes outside the engine, and how many of them GitHub ended up holding. */
interface WritesRun {
  n: number;
  wallMs: number;
  spanMs: number;
  span: SpanFigures;
  counts: RequestCounts;
  rejected: number;
  landed: number;
  failed: number;
}

export interface BaselineRow extends WritesRun {
  kind: "keyPerWrite" | "unbounded";
  load: LoadFigures;
}

/** The provider alone, without the engine: check + create of all N at once (bench/provider-direct.ts). */
export interface DirectRow extends WritesRun {
  mode: "latency" | "limited";
  expected: OpRow["expected"];
  minimumMs: number;
}

export interface CheckRow {
  n: number;
  cpuMs: number;
  wallMs: number;
  perSecretMs: number;
  warmPerSecretMs: number;
}

export interface Results {
  machine: { cpus: number; model: string; memoryGb: number; node: string; kernel: string };
  command: string;
  startedAt: string;
  sizes: number[];
  latencyMs: number;
  minuteMs: number;
  concurrency: number;
  parallel: number;
  limits: object;
  /** NODE_OPTIONS of the "capped" series, when it ran. */
  cappedNodeOptions?: string;
  ops: OpRow[];
  direct: DirectRow[];
  baselines: BaselineRow[];
  checks: CheckRow[];
  loadavgBefore: number[];
  loadavgAfter?: number[];
  load?: LoadFigures;
  totalMs?: number;
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const x = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "–");
const pct = (v: number) => `${v.toFixed(0)}%`;
const table = (head: string[], rows: Array<Array<string | number>>) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join(
    "\n",
  );
const verdict = (ok: boolean) => (ok ? "**met**" : "**missed**");

function requestsCell(c: RequestCounts, e: OpRow["expected"]): string[] {
  const mark = (have: number, want: number) => (have === want ? `${have}` : `${have} (expected ${want})`);
  return [
    String(c.total),
    mark(c.keys, e.keys),
    mark(c.writes, e.writes),
    mark(c.reads, e.reads),
    mark(c.other, e.other),
  ];
}

function seriesTable(rows: OpRow[], limited: boolean): string {
  const head = [
    "N",
    "operation",
    "wall s",
    "to 1st request s",
    "API phase s",
    "in flight mean / peak",
    ...(limited ? ["budget min s", "API ÷ min", "wall ÷ min", "403s"] : []),
    "requests",
    "key GETs",
    "writes",
    "reads",
    "other",
    "host peak RSS MB",
    "CPU s: host / program / harness+emulator",
    "machine busy / other load",
  ];
  return table(
    head,
    rows.map((r) => [
      r.n,
      r.op,
      s(r.wallMs),
      r.counts.total > 0 ? s(r.span.toFirstMs) : "–",
      s(r.spanMs),
      r.counts.total > 0 ? `${r.span.meanInFlight.toFixed(1)} / ${r.span.peakInFlight}` : "–",
      ...(limited
        ? [
            s(r.minimumMs),
            r.minimumMs > 0 ? x(r.spanMs / r.minimumMs) : "–",
            r.minimumMs > 0 ? x(r.wallMs / r.minimumMs) : "–",
            r.rejected,
          ]
        : []),
      ...requestsCell(r.counts, r.expected),
      r.host.peakRssMb.toFixed(0),
      `${s(r.host.cpuMs)} / ${s(r.host.programCpuMs)} / ${s(r.host.selfCpuMs)}`,
      `${pct(r.load.machineBusyPct)} / ${pct(r.load.otherPct)}`,
    ]),
  );
}

export function renderResults(r: Results): string {
  const out: string[] = [];
  const latency = r.ops.filter((o) => o.mode === "latency");
  const limited = r.ops.filter((o) => o.mode === "limited");
  const capped = r.ops.filter((o) => o.mode === "capped");
  const find = (mode: OpRow["mode"], n: number, op: OpName) =>
    r.ops.find((o) => o.mode === mode && o.n === n && o.op === op);
  const baseline = (kind: BaselineRow["kind"], n: number) => r.baselines.find((b) => b.kind === kind && b.n === n);

  out.push(`# Benchmark results\n`);
  out.push(
    `Generated by \`bench/bench.ts\` (see bench/README.md for the method). Run started ${r.startedAt}${r.totalMs ? `, took ${(r.totalMs / 60000).toFixed(1)} min` : ""}.\n`,
  );
  out.push(
    `- Machine: ${r.machine.cpus} CPUs (${r.machine.model}), ${r.machine.memoryGb.toFixed(1)} GB memory, Linux ${r.machine.kernel}; Node ${r.machine.node} for the benchmark, the engine harness, the program and the provider host.`,
  );
  out.push(`- Command: \`${r.command}\` (from the repository root; it builds first).`);
  out.push(
    `- Load: load average ${r.loadavgBefore.map((v) => v.toFixed(2)).join(" ")} before, ${r.loadavgAfter?.map((v) => v.toFixed(2)).join(" ") ?? "?"} after; over the whole run the machine was ${r.load ? pct(r.load.machineBusyPct) : "?"} busy, of which ${r.load ? pct(r.load.otherPct) : "?"} (of the machine) was not this benchmark. Each row's last column gives the same for that operation.`,
  );
  out.push(
    `- Setup: emulator in the benchmark's process with ${r.latencyMs} ms added to every API answer; 1 organization, 10 repositories, 2 environments each (31 scopes), N secrets dealt round-robin over them; the provider at its default concurrency (${r.concurrency}); the harness with \`--parallel ${r.parallel}\`; the program is programs/declared, given its list in resources.json (1,000 entries do not fit in the stack config's environment variable). Without limits the provider's pacing is off (\`github:pointsPerMinute 0\`, as programs/declared-stack.ts sets it for the suite); with limits the emulator enforces ${JSON.stringify(r.limits)} and the stack sets \`github:pointsPerMinute ${900}\`, \`github:rateLimitMinuteMs ${r.minuteMs}\`.`,
  );
  out.push(
    `- "API phase" is from the first API request the emulator received during the operation to its last answer; "wall" is the whole engine operation (program start, check/diff of every resource, state encryption and saving included).\n`,
  );

  out.push(`## Operations, ${r.latencyMs} ms latency, no limits\n`);
  out.push(seriesTable(latency, false) + "\n");
  if (limited.length > 0) {
    out.push(
      `## Operations under GitHub's secondary limits (minute = ${r.minuteMs / 1000} s), provider paced to the same budget\n`,
    );
    out.push(
      `Budget minimum = the points of the requests the operation needs (write 5, read 1) ÷ 900 × ${r.minuteMs / 1000} s: for a create, N × 5 ÷ 900 minutes plus one point per key GET.\n`,
    );
    out.push(seriesTable(limited, true) + "\n");
  }

  if (capped.length > 0) {
    out.push(
      `## Operations, ${r.latencyMs} ms latency, no limits, V8 heap capped (\`NODE_OPTIONS=${r.cappedNodeOptions}\`)\n`,
    );
    out.push(
      `The same series with every process the engine starts (program and provider host) given \`${r.cappedNodeOptions}\`: what the host needs when V8 is told not to grow its heap ahead of need.\n`,
    );
    out.push(seriesTable(capped, false) + "\n");
  }

  if (r.direct.length > 0) {
    out.push(`## The provider alone, without the engine\n`);
    out.push(
      `The built provider in a Node process of its own, configured as the host configures it, \`check\` then \`create\` for all N secrets at once (an engine with unlimited \`--parallel\` and instant registrations). This separates the provider's own request scheduling from the harness's one-registration-at-a-time check and diff.\n`,
    );
    out.push(
      table(
        [
          "N",
          "mode",
          "time s",
          "API phase s",
          "in flight mean / peak",
          "N × latency ÷ 10 s",
          "API ÷ that",
          "budget min s",
          "API ÷ min",
          "403s",
          "requests",
          "key GETs",
          "writes",
          "landed",
        ],
        r.direct.map((d) => {
          const floor = (d.n * r.latencyMs) / r.concurrency;
          return [
            d.n,
            d.mode === "limited" ? "paced, limits on" : "no limits",
            s(d.wallMs),
            s(d.spanMs),
            `${d.span.meanInFlight.toFixed(1)} / ${d.span.peakInFlight}`,
            s(floor),
            x(d.spanMs / floor),
            d.mode === "limited" ? s(d.minimumMs) : "–",
            d.mode === "limited" ? x(d.spanMs / d.minimumMs) : "–",
            d.rejected,
            ...requestsCell(d.counts, d.expected).slice(0, 3),
            `${d.landed}/${d.n}`,
          ];
        }),
      ) + "\n",
    );
  }

  out.push(`## Baselines (Octokit directly, not the provider)\n`);
  const a = r.baselines.filter((b) => b.kind === "keyPerWrite");
  if (a.length > 0) {
    out.push(
      `(a) A public-key GET before every write (as the Terraform provider does), ${r.concurrency} at once, ${r.latencyMs} ms latency, no limits; against the provider's \`up (create all)\` above:\n`,
    );
    out.push(
      table(
        [
          "N",
          "baseline time s",
          "baseline requests",
          "key GETs",
          "writes",
          "landed",
          "provider create: API phase s / wall s",
          "provider requests",
          "requests: baseline ÷ provider",
          "time: baseline ÷ provider API phase",
          "time: baseline ÷ provider wall",
          "time: baseline ÷ provider alone",
        ],
        a.map((b) => {
          const p = find("latency", b.n, "up (create all)");
          const alone = r.direct.find((d) => d.mode === "latency" && d.n === b.n);
          return [
            b.n,
            s(b.wallMs),
            b.counts.total,
            b.counts.keys,
            b.counts.writes,
            `${b.landed}/${b.n}`,
            p ? `${s(p.spanMs)} / ${s(p.wallMs)}` : "–",
            p ? p.counts.total : "–",
            p ? x(b.counts.total / p.counts.total) : "–",
            p ? x(b.wallMs / p.spanMs) : "–",
            p ? x(b.wallMs / p.wallMs) : "–",
            alone ? x(b.wallMs / alone.spanMs) : "–",
          ];
        }),
      ) + "\n",
    );
  }
  const b = r.baselines.filter((b) => b.kind === "unbounded");
  if (b.length > 0) {
    out.push(
      `(b) Every write at once, no bound, no pacing, no retry (as \`gh secret set -f\` does), under the same limits; against the provider's paced \`up (create all)\`:\n`,
    );
    out.push(
      table(
        [
          "N",
          "baseline time s",
          "403s",
          "landed",
          "failed",
          "provider create: API phase s / wall s",
          "provider 403s",
          "provider landed",
          "time: provider API phase ÷ baseline",
        ],
        b.map((g) => {
          const p = find("limited", g.n, "up (create all)");
          return [
            g.n,
            s(g.wallMs),
            g.rejected,
            `${g.landed}/${g.n}`,
            g.failed,
            p ? `${s(p.spanMs)} / ${s(p.wallMs)}` : "–",
            p ? p.rejected : "–",
            p ? `${g.n}/${g.n}` : "–",
            p ? x(p.spanMs / g.wallMs) : "–",
          ];
        }),
      ) + "\n",
    );
  }

  out.push(`## check() CPU time per secret\n`);
  out.push(
    `Measured in a separate Node process: the built provider (\`dist/provider/index.js\`) configured as the host configures it, then \`resourceProvider(kind).check({}, news)\` for N secrets one after another (kinds as in the workload), \`process.cpuUsage()\` (user + system) around the loop. "Cold" is the first pass (includes JIT warm-up); "warm" a second pass over the same inputs.\n`,
  );
  out.push(
    table(
      ["N", "CPU ms (cold pass)", "per secret ms (cold)", "per secret ms (warm)"],
      r.checks.map((c) => [c.n, c.cpuMs.toFixed(1), c.perSecretMs.toFixed(3), c.warmPerSecretMs.toFixed(3)]),
    ) + "\n",
  );

  out.push(`## Targets\n`);
  const rows: Array<[string, string, string]> = [];
  for (const n of r.sizes) {
    const ops = r.ops.filter((o) => o.n === n);
    if (ops.length === 0) continue;
    const keyOk = ops.every((o) => o.counts.keys === o.expected.keys);
    rows.push([
      `one public-key GET per scope per run, none for scopes with nothing to write (N=${n})`,
      ops
        .filter((o) => o.expected.keys > 0 || o.counts.keys > 0)
        .map((o) => `${o.mode} ${o.op}: ${o.counts.keys} for ${o.expected.keys} scopes`)
        .join("; ") +
        "; every other operation: " +
        `${ops.filter((o) => o.expected.keys === 0).reduce((sum, o) => sum + o.counts.keys, 0)}`,
      verdict(keyOk),
    ]);
    const writeOps = ops.filter((o) => o.op === "up (create all)" || o.op === "up (10% changed)");
    const writeOk = writeOps.every(
      (o) => o.counts.writes === o.expected.writes && o.distinctWrites === o.expected.writes,
    );
    rows.push([
      `exactly one write per created or changed secret (N=${n})`,
      writeOps
        .map(
          (o) => `${o.mode} ${o.op}: ${o.counts.writes} writes, ${o.distinctWrites} distinct, for ${o.expected.writes}`,
        )
        .join("; "),
      verdict(writeOk),
    ]);
    const unchanged = ops.filter((o) => o.op === "preview (no change)" || o.op === "up (no change)");
    rows.push([
      `zero requests for unchanged secrets on preview and up (N=${n})`,
      unchanged.map((o) => `${o.mode} ${o.op}: ${o.counts.total}`).join("; "),
      verdict(unchanged.every((o) => o.counts.total === 0)),
    ]);
    const create = find("latency", n, "up (create all)");
    if (create) {
      const floor = (n * r.latencyMs) / r.concurrency;
      const ratio = create.spanMs / floor;
      rows.push([
        `create within 1.5× of N × latency ÷ concurrency = ${s(floor)} s (N=${n})`,
        `API phase ${s(create.spanMs)} s = ${x(ratio)} (${ratio <= 1.5 ? `${x(1.5 / ratio)} under` : `${pct((ratio / 1.5 - 1) * 100)} over`} the 1.5× bound); the whole \`up\` ${s(create.wallMs)} s = ${x(create.wallMs / floor)}`,
        verdict(ratio <= 1.5),
      ]);
    }
    const alone = r.direct.find((d) => d.mode === "latency" && d.n === n);
    if (alone) {
      const floor = (n * r.latencyMs) / r.concurrency;
      const ratio = alone.spanMs / floor;
      rows.push([
        `(same target, the provider alone without the engine, N=${n})`,
        `API phase ${s(alone.spanMs)} s = ${x(ratio)}, ${alone.span.meanInFlight.toFixed(1)} requests in flight on average`,
        verdict(ratio <= 1.5),
      ]);
    }
    const paced = find("limited", n, "up (create all)");
    if (paced) {
      const ratio = paced.spanMs / paced.minimumMs;
      rows.push([
        `under the limits, create within 1.1× of the budget's minimum ${s(paced.minimumMs)} s, zero rate-limit answers (N=${n})`,
        `API phase ${s(paced.spanMs)} s = ${x(ratio)} (${ratio <= 1.1 ? "within" : `${pct((ratio / 1.1 - 1) * 100)} over`} 1.1×), ${paced.rejected} answers 403; the whole \`up\` ${s(paced.wallMs)} s = ${x(paced.wallMs / paced.minimumMs)}; the other paced operations (API ÷ min, 403s): ` +
          limited
            .filter((o) => o.n === n && o.minimumMs > 0 && o.op !== "up (create all)")
            .map((o) => `${o.op} ${x(o.spanMs / o.minimumMs)}, ${o.rejected}`)
            .join("; "),
        verdict(ratio <= 1.1 && paced.rejected === 0),
      ]);
    }
    const pacedAlone = r.direct.find((d) => d.mode === "limited" && d.n === n);
    if (pacedAlone) {
      const ratio = pacedAlone.spanMs / pacedAlone.minimumMs;
      rows.push([
        `(same target, the provider alone without the engine, N=${n})`,
        `API phase ${s(pacedAlone.spanMs)} s = ${x(ratio)} of ${s(pacedAlone.minimumMs)} s, ${pacedAlone.rejected} answers 403`,
        verdict(ratio <= 1.1 && pacedAlone.rejected === 0),
      ]);
    }
  }
  for (const c of r.checks) {
    rows.push([
      `check under 2 ms of CPU per secret (N=${c.n})`,
      `${c.perSecretMs.toFixed(3)} ms cold, ${c.warmPerSecretMs.toFixed(3)} ms warm (${x(2 / c.perSecretMs)} under the bound cold)`,
      verdict(c.perSecretMs < 2),
    ]);
  }
  const big = r.ops.filter((o) => o.n === 1000 && o.mode !== "capped");
  if (big.length > 0) {
    const peak = Math.max(...big.map((o) => o.host.peakRssMb));
    const which = big.find((o) => o.host.peakRssMb === peak)!;
    rows.push([
      `provider host RSS under 200 MB at N = 1,000`,
      `peak ${peak.toFixed(0)} MB (${which.mode} ${which.op}), VmHWM of the dynamic-provider host`,
      verdict(peak < 200),
    ]);
  } else {
    rows.push([
      `provider host RSS under 200 MB at N = 1,000`,
      `not run (N = ${r.sizes.join(", ")}); largest N's peak ${Math.max(0, ...r.ops.map((o) => o.host.peakRssMb)).toFixed(0)} MB`,
      "not measured",
    ]);
  }
  if (capped.length > 0) {
    const peak = Math.max(...capped.map((o) => o.host.peakRssMb));
    const which = capped.find((o) => o.host.peakRssMb === peak)!;
    rows.push([
      `(same target, \`NODE_OPTIONS=${r.cappedNodeOptions}\`, N = ${which.n})`,
      `peak ${peak.toFixed(0)} MB (${which.op})`,
      verdict(peak < 200),
    ]);
  }
  out.push(table(["target", "measured", "verdict"], rows) + "\n");

  const ratios: string[] = [];
  for (const n of r.sizes) {
    const p = find("latency", n, "up (create all)");
    const ba = baseline("keyPerWrite", n);
    const alone = r.direct.find((d) => d.mode === "latency" && d.n === n);
    if (p && ba)
      ratios.push(
        `- N=${n}, key per write (a): ${x(ba.counts.total / p.counts.total)} the provider's requests (${ba.counts.total} vs ${p.counts.total}; ${ba.counts.keys} key GETs vs ${p.counts.keys}); time ${x(ba.wallMs / p.spanMs)} the provider's API phase through the harness (${s(ba.wallMs)} s vs ${s(p.spanMs)} s)` +
          (alone ? `, ${x(ba.wallMs / alone.spanMs)} the provider alone (${s(alone.spanMs)} s).` : "."),
      );
    const q = find("limited", n, "up (create all)");
    const bb = baseline("unbounded", n);
    if (q && bb)
      ratios.push(
        `- N=${n}, unbounded (b) under the limits: done in ${s(bb.wallMs)} s with ${bb.rejected} answers 403 and ${bb.failed} of ${n} secrets not written; the paced provider took ${x(q.spanMs / bb.wallMs)} as long (${s(q.spanMs)} s API phase) with ${q.rejected} 403s and all ${n} written.`,
      );
  }
  if (ratios.length > 0) out.push(`## Against the baselines\n\n${ratios.join("\n")}\n`);
  return out.join("\n");
}
