// The benchmark's figures as Markdown: the machine, the command and the tools' versions, the
// headline ratios, a table per N with every tool's runs side by side, check()'s CPU time, and every
// target with met or missed.
import type { HostFigures, LoadFigures, RequestCounts, SpanFigures } from "./measure";
import { PEER_DEFAULTS } from "./peers";

export const TOOLS = ["gh", "terraform", "terraform-no-delay", "harness", "cli", "floor"] as const;
export type Tool = (typeof TOOLS)[number];

const TOOL_NAMES: Record<Tool, string> = {
  gh: "`gh secret set -f`, every scope at once",
  terraform: "Terraform's provider (OpenTofu), defaults",
  "terraform-no-delay": "Terraform's provider (OpenTofu), `write_delay_ms = 1`",
  harness: "this package, engine harness",
  cli: "this package, Pulumi CLI",
  floor: "do-nothing provider, Pulumi CLI",
};

export type OpName = "create" | "preview (no change)" | "up (no change)" | "10% changed";

/** What one run of a tool measured. */
export interface Measured {
  wallMs: number;
  span: SpanFigures;
  counts: RequestCounts;
  /** Answers 403 from the emulator's limits during the run. */
  rejected: number;
  host: HostFigures;
  load: LoadFigures;
}

export interface Row extends Measured {
  tool: Tool;
  n: number;
  op: OpName;
  exitCode: number;
  /** Stopped by the benchmark after PEER_DEFAULTS.timeoutMs. */
  timedOut?: boolean;
  /** Secrets the emulator holds with the value this run should have written, of `landedOf`. */
  landed?: number;
  landedOf?: number;
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
  limits: { concurrent: number; pointsPerMinute: number; writePoints: number; readPoints: number; minuteMs: number };
  /** Terraform's provider at its defaults runs up to this N only. */
  terraformDefaultsMax: number;
  versions: Record<string, string>;
  tools: Tool[];
  /** Tools that could not run, and why. */
  unavailable: Record<string, string>;
  rows: Row[];
  checks: CheckRow[];
  loadavgBefore: number[];
  loadavgAfter?: number[];
  totalMs?: number;
  load?: LoadFigures;
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const x = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "–");
const table = (head: string[], rows: Array<Array<string | number>>) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join(
    "\n",
  );
const verdict = (ok: boolean | undefined) => (ok === undefined ? "not measured" : ok ? "**met**" : "**missed**");

/**
 * The least time GitHub's rule allows for requests worth `points`: the first window's budget at
 * once, then one window for each further budget's worth, plus the last requests' own latency.
 */
export function slidingWindowMinimumMs(points: number, r: Pick<Results, "limits" | "latencyMs">): number {
  const windows = Math.max(0, Math.ceil(points / r.limits.pointsPerMinute) - 1);
  return windows * r.limits.minuteMs + r.latencyMs;
}

const pointsOf = (c: RequestCounts, r: Pick<Results, "limits">) =>
  c.writes * r.limits.writePoints + (c.total - c.writes) * r.limits.readPoints;

function find(r: Results, tool: Tool, n: number, op: OpName): Row | undefined {
  return r.rows.find((row) => row.tool === tool && row.n === n && row.op === op);
}

/** A create's work: the create less a no-change run of the same tool, where it has one. */
function workMs(r: Results, tool: Tool, n: number): number | undefined {
  const create = find(r, tool, n, "create");
  const unchanged = find(r, tool, n, "up (no change)");
  return create && unchanged && (tool === "harness" || tool === "cli") ? create.wallMs - unchanged.wallMs : undefined;
}

function sideBySide(r: Results, n: number): string {
  const rows = r.rows.filter((row) => row.n === n);
  return table(
    [
      "tool",
      "run",
      "exit",
      "wall s",
      "work s",
      "API phase s",
      "in flight mean / peak",
      "requests",
      "key GETs",
      "writes",
      "reads",
      "other",
      "403s",
      "landed",
      "host peak RSS MB",
      "CPU s: engine / host / program",
    ],
    rows.map((row) => {
      const work = row.op === "create" ? workMs(r, row.tool, n) : undefined;
      const pulumi = ["harness", "cli", "floor"].includes(row.tool);
      return [
        TOOL_NAMES[row.tool],
        row.op,
        row.timedOut ? "stopped" : row.exitCode,
        s(row.wallMs),
        work === undefined ? "–" : s(work),
        row.span.ms > 0 ? s(row.span.ms) : "–",
        row.span.requests > 0 ? `${row.span.meanInFlight.toFixed(1)} / ${row.span.peakInFlight}` : "–",
        row.counts.total,
        row.counts.keys,
        row.counts.writes,
        row.counts.reads,
        row.counts.other,
        row.rejected,
        row.landed === undefined ? "–" : `${row.landed}/${row.landedOf}`,
        pulumi ? row.host.peakRssMb.toFixed(0) : "–",
        pulumi
          ? `${s(row.tool === "harness" ? row.host.selfCpuMs : row.host.engineCpuMs)} / ${s(row.host.cpuMs)} / ${s(row.host.programCpuMs)}`
          : "–",
      ];
    }),
  );
}

interface Target {
  what: string;
  measured: string;
  ok: boolean | undefined;
}

function targets(r: Results): Target[] {
  const out: Target[] = [];
  const largest = Math.max(...r.sizes);
  const ours: Tool[] = ["cli", "harness"];

  // 100 new secrets: this package's work against gh's time, with the same requests.
  const gh100 = find(r, "gh", 100, "create");
  for (const tool of ours) {
    const work = workMs(r, tool, 100);
    const create = find(r, tool, 100, "create");
    out.push({
      what: `100 new secrets: ${TOOL_NAMES[tool]}'s work within 1.5× of gh's time, with gh's requests`,
      measured:
        work !== undefined && gh100 && create
          ? `work ${s(work)} s ÷ gh ${s(gh100.wallMs)} s = ${x(work / gh100.wallMs)}; requests ${create.counts.total} (${create.counts.keys} key GETs, ${create.counts.writes} writes) against gh's ${gh100.counts.total} (${gh100.counts.keys}, ${gh100.counts.writes})`
          : "not run",
      ok:
        work !== undefined && gh100 && create
          ? work <= 1.5 * gh100.wallMs &&
            create.counts.keys === gh100.counts.keys &&
            create.counts.writes === gh100.counts.writes
          : undefined,
    });
  }

  // A run that fits in one window waits for nothing.
  for (const tool of ours) {
    const fits = r.sizes
      .map((n) => find(r, tool, n, "create"))
      .filter((row): row is Row => !!row && pointsOf(row.counts, r) <= r.limits.pointsPerMinute);
    out.push({
      what: `${TOOL_NAMES[tool]}: a create that fits in one window waits for no window (API phase far under the window)`,
      measured: fits.length
        ? fits
            .map(
              (row) =>
                `N=${row.n}: ${pointsOf(row.counts, r)} points, API phase ${s(row.span.ms)} s against a ${r.limits.minuteMs / 1000} s window`,
            )
            .join("; ")
        : "not run",
      ok: fits.length ? fits.every((row) => row.span.ms < r.limits.minuteMs / 4 && row.rejected === 0) : undefined,
    });
  }

  // The largest N: within 1.1× of the sliding-window minimum, no 403, faster than gh and Terraform.
  for (const tool of ours) {
    const create = find(r, tool, largest, "create");
    const minimum = create && slidingWindowMinimumMs(pointsOf(create.counts, r), r);
    out.push({
      what: `${largest} new secrets, ${TOOL_NAMES[tool]}: API phase within 1.1× of the sliding-window minimum, 0 answers 403, all landed`,
      measured:
        create && minimum
          ? `${s(create.span.ms)} s ÷ ${s(minimum)} s = ${x(create.span.ms / minimum)}; ${create.rejected} answers 403; ${create.landed}/${create.landedOf} landed`
          : "not run",
      ok:
        create && minimum
          ? create.span.ms <= 1.1 * minimum && create.rejected === 0 && create.landed === create.landedOf
          : undefined,
    });
    for (const peer of ["gh", "terraform", "terraform-no-delay"] as const) {
      const theirs = find(r, peer, largest, "create");
      out.push({
        what: `${largest} new secrets: ${TOOL_NAMES[tool]} all landed sooner than ${TOOL_NAMES[peer]}`,
        measured:
          create && theirs
            ? `${s(create.wallMs)} s, ${create.landed}/${create.landedOf} landed; theirs ${s(theirs.wallMs)} s, ${theirs.landed}/${theirs.landedOf} landed, ${theirs.rejected} answers 403, exit ${theirs.exitCode}`
            : create && peer === "terraform"
              ? `not run at N = ${largest} (--terraform-defaults-max ${r.terraformDefaultsMax})`
              : "not run",
        ok:
          create && theirs
            ? create.landed === create.landedOf && (theirs.landed! < theirs.landedOf! || create.wallMs < theirs.wallMs)
            : undefined,
      });
    }
  }

  // The platform's floor at the largest N.
  const floorOf = (op: OpName) => find(r, "floor", largest, op);
  for (const op of ["preview (no change)", "up (no change)"] as const) {
    const row = find(r, "cli", largest, op);
    const floor = floorOf(op);
    out.push({
      what: `${op} at N = ${largest} through the CLI within 1.2× of the do-nothing provider's, with no request`,
      measured:
        row && floor
          ? `${s(row.wallMs)} s ÷ ${s(floor.wallMs)} s = ${x(row.wallMs / floor.wallMs)}; ${row.counts.total} requests`
          : "not run",
      ok: row && floor ? row.wallMs <= 1.2 * floor.wallMs && row.counts.total === 0 : undefined,
    });
  }
  const peakRss = (tool: Tool) =>
    Math.max(0, ...r.rows.filter((row) => row.tool === tool && row.n === largest).map((row) => row.host.peakRssMb));
  const rss = peakRss("cli");
  const floorRss = peakRss("floor");
  out.push({
    what: `provider host peak RSS at N = ${largest} through the CLI within 1.2× of the do-nothing provider's, and under 200 MB`,
    measured: rss && floorRss ? `${rss.toFixed(0)} MB ÷ ${floorRss.toFixed(0)} MB = ${x(rss / floorRss)}` : "not run",
    ok: rss && floorRss ? rss <= 1.2 * floorRss && rss < 200 : undefined,
  });

  // Requests per secret: gh's, fewer than Terraform's; at the largest N where gh landed every secret,
  // since a gh command that is refused gives up on the writes it has not sent yet.
  const ghComplete = r.sizes.filter((n) => {
    const gh = find(r, "gh", n, "create");
    return gh && gh.landed === gh.landedOf;
  });
  const compared = Math.max(0, ...ghComplete);
  for (const tool of ours) {
    const perSecret = (peer: Tool) => {
      const row = find(r, peer, compared, "create");
      return row && row.counts.total / compared;
    };
    const mine = perSecret(tool);
    const gh = perSecret("gh");
    const terraform = perSecret("terraform-no-delay") ?? perSecret("terraform");
    out.push({
      what: `requests per new secret, ${TOOL_NAMES[tool]}: no more than gh's, fewer than Terraform's provider's (at N = ${compared}, the largest where gh landed every secret)`,
      measured:
        mine && gh && terraform
          ? `${mine.toFixed(3)} against gh's ${gh.toFixed(3)} and Terraform's ${terraform.toFixed(3)}`
          : "not run",
      ok: mine && gh && terraform ? mine <= gh && mine < terraform : undefined,
    });
  }
  return out;
}

function headline(r: Results): string {
  const lines: string[] = [];
  for (const n of r.sizes) {
    const cli = find(r, "cli", n, "create");
    if (!cli) continue;
    const parts = (["gh", "terraform", "terraform-no-delay"] as const)
      .map((peer) => {
        const theirs = find(r, peer, n, "create");
        return theirs
          ? `${TOOL_NAMES[peer]} ${s(theirs.wallMs)} s (${x(theirs.wallMs / cli.wallMs)} this package's), ${theirs.landed}/${theirs.landedOf} landed, ${theirs.counts.total} requests, ${theirs.rejected} answers 403`
          : undefined;
      })
      .filter(Boolean);
    lines.push(
      `- **N = ${n}**: this package through the Pulumi CLI took ${s(cli.wallMs)} s to create all ${n} (${cli.landed}/${cli.landedOf} landed, ${cli.counts.total} requests); ${parts.join("; ")}.`,
    );
  }
  return lines.join("\n");
}

export function renderResults(r: Results): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    "# Benchmark results\n",
    `Generated by \`bench/bench.ts\` (see bench/README.md for the method). Run started ${r.startedAt}${r.totalMs ? `, took ${(r.totalMs / 60000).toFixed(1)} min` : ""}.\n`,
    `- Machine: ${m.cpus} CPUs (${m.model.trim()}), ${m.memoryGb.toFixed(1)} GB memory, Linux ${m.kernel}; Node ${m.node} for the benchmark, the engine harness, the program and the provider host.`,
    `- Command: \`${r.command}\` (from the repository root; it builds first).`,
    `- Tools: ${Object.entries(r.versions)
      .map(([tool, version]) => `${tool} ${version}`)
      .join("; ")}.`,
    `- GitHub: the emulator in the benchmark's process, a fresh one for each tool and N, ${r.latencyMs} ms added to every answer, enforcing GitHub's secondary limits over a sliding window: ${JSON.stringify(r.limits)} (a request refused costs nothing and is answered 403 with \`retry-after\`).`,
    `- Workload: 1 organization, 10 repositories, 2 environments each (31 scopes), N secrets dealt round-robin over them; organization secrets \`private\`. Every tool at its defaults unless its row says otherwise (the Pulumi engines' \`--parallel\` is 4 × CPUs).`,
    `- A peer's run that has not ended after ${PEER_DEFAULTS.timeoutMs / 60000} minutes is stopped ("stopped" in the exit column). The emulator counts GitHub's primary limit per token, 5,000 requests an hour, in its \`x-ratelimit-*\` headers without refusing anything; a client that reads them and finds none left waits for the reset, up to an hour.`,
    `- "work" is a create less a no-change \`up\` of the same tool: the time the writes themselves took. "API phase" is from the first API request the emulator received to its last answer.`,
  );
  if (r.load)
    out.push(
      `- Load: load average ${r.loadavgBefore.map((v) => v.toFixed(2)).join(" ")} before, ${r.loadavgAfter?.map((v) => v.toFixed(2)).join(" ")} after; the machine was ${r.load.machineBusyPct.toFixed(0)}% busy over the run, of which ${r.load.otherPct.toFixed(0)}% (of the machine) was not this benchmark.`,
    );
  for (const [tool, why] of Object.entries(r.unavailable)) out.push(`- Left out: ${tool}: ${why}`);
  if (r.sizes.some((n) => n > r.terraformDefaultsMax) && r.tools.includes("terraform"))
    out.push(
      `- Terraform's provider at its defaults ran up to N = ${r.terraformDefaultsMax} only (\`--terraform-defaults-max\`): it sends one request at a time and waits its \`write_delay_ms\` (1 s) after every write, so a larger N takes more than N seconds.`,
    );

  out.push("\n## Headline\n", headline(r));
  for (const n of r.sizes) out.push(`\n## N = ${n}\n`, sideBySide(r, n));

  out.push(
    "\n## Targets\n",
    table(
      ["target", "measured", "verdict"],
      targets(r).map((t) => [t.what, t.measured, verdict(t.ok)]),
    ),
  );

  out.push(
    "\n## check() CPU time per secret\n",
    "Measured in a separate Node process: the built provider configured as the host configures it, then `check({}, news)` for N secrets one after another. Cold is the first pass (JIT warm-up included), warm a second pass over the same inputs.\n",
    table(
      ["N", "CPU ms (cold pass)", "per secret ms (cold)", "per secret ms (warm)", "target: under 2 ms"],
      r.checks.map((c) => [
        c.n,
        c.cpuMs.toFixed(1),
        c.perSecretMs.toFixed(3),
        c.warmPerSecretMs.toFixed(3),
        verdict(c.perSecretMs < 2),
      ]),
    ),
  );
  return `${out.join("\n")}\n`;
}
