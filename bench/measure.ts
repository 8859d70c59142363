// What the benchmark measures besides the emulator's own request log:
// - the API phase of an operation: from the first API request the emulator received to its last
//   answer, timed with Node's built-in http.server diagnostics channels (the emulator runs in this
//   process, so nothing is put in front of it and nothing in emulator/ changes);
// - the dynamic-provider host's peak RSS (VmHWM) and CPU time, sampled from /proc: the harness
//   starts the host as a child of this process (cmd/dynamic-provider in its command line);
// - the machine's load: CPU busy on all cores from /proc/stat, and how much of it was this
//   benchmark's own process tree, so that other work on the machine shows.
import { subscribe } from "node:diagnostics_channel";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { cpus, loadavg } from "node:os";
import type { RequestRecord } from "../emulator";

// ---------------------------------------------------------------- API phase timing

interface Span {
  opened: number;
  first?: number;
  last?: number;
  count: number;
  /** Sum of every request's time from arrival to answer, for the mean number in flight. */
  busyMs: number;
  inFlight: number;
  peak: number;
}
let current: Span | undefined;
const started = new WeakMap<IncomingMessage, number>();

subscribe("http.server.request.start", (message) => {
  const { request } = message as { request: IncomingMessage };
  if (!current || (request.url ?? "").includes("/_emulator/")) return;
  const now = performance.now();
  started.set(request, now);
  if (current.first === undefined) current.first = now;
  current.inFlight += 1;
  current.peak = Math.max(current.peak, current.inFlight);
});
subscribe("http.server.response.finish", (message) => {
  const { request } = message as { request: IncomingMessage; response: ServerResponse };
  const at = started.get(request);
  if (!current || at === undefined) return;
  started.delete(request);
  current.last = performance.now();
  current.count += 1;
  current.inFlight -= 1;
  current.busyMs += current.last - at;
});

export interface SpanFigures {
  /** From the first API request's arrival to the last answer, in ms (0 when none). */
  ms: number;
  /** From the start of timing to the first API request, in ms. */
  toFirstMs: number;
  requests: number;
  /** Requests in flight on average over the span (busy time ÷ span), and at most. */
  meanInFlight: number;
  peakInFlight: number;
}

/** Starts timing API requests; the returned function stops and gives the figures. */
export function apiSpan(): () => SpanFigures {
  const span: Span = { opened: performance.now(), count: 0, busyMs: 0, inFlight: 0, peak: 0 };
  current = span;
  return () => {
    if (current === span) current = undefined;
    const ms = span.first !== undefined && span.last !== undefined ? span.last - span.first : 0;
    return {
      ms,
      toFirstMs: span.first !== undefined ? span.first - span.opened : 0,
      requests: span.count,
      meanInFlight: ms > 0 ? span.busyMs / ms : 0,
      peakInFlight: span.peak,
    };
  };
}

// ---------------------------------------------------------------- the provider host

const CLOCK_TICK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The process's descendants, children first: the CLI's provider host is a grandchild (pulumi, its plugin script, node). */
function descendantPids(pid: number): number[] {
  const children = childPids(pid);
  return [...children, ...children.flatMap(descendantPids)];
}

function childPids(pid: number): number[] {
  const pids: number[] = [];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return pids;
  }
  for (const task of tasks) {
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/))
        if (child) pids.push(Number(child));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return pids;
}

/** utime + stime of a process in ms, from /proc/PID/stat. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICK;
}

function statusKb(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) : 0;
}

export interface HostFigures {
  /** Provider-host processes seen (one per engine operation that starts one). */
  hosts: number;
  /** The largest VmHWM (peak resident set) of any of them, in MB; 0 when none was seen. */
  peakRssMb: number;
  /** CPU time (user + system) of the host(s), in ms, as last sampled before they exited. */
  cpuMs: number;
  /** The same for the Pulumi program's process(es) (@pulumi/pulumi's cmd/run). */
  programCpuMs: number;
  /** The same for the real CLI's engine (the `pulumi` process), when it runs. */
  engineCpuMs: number;
  /** CPU time of this process meanwhile: the engine harness (when it runs) and the emulator. */
  selfCpuMs: number;
}

/**
 * Samples the dynamic-provider host(s) started by this process or its descendants every `everyMs` until stopped.
 * VmHWM is the kernel's own high-water mark, so sampling only has to catch the process alive;
 * CPU time is the last sample's, so up to `everyMs` of it may be missed at the end.
 */
export function sampleProviderHost(everyMs = 20): () => HostFigures {
  const seen = new Map<
    number,
    { isHost: boolean; isProgram: boolean; isEngine: boolean; hwmKb: number; cpuMs: number }
  >();
  const self0 = process.cpuUsage();
  const sample = () => {
    for (const pid of descendantPids(process.pid)) {
      let entry = seen.get(pid);
      try {
        if (!entry) {
          const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
          entry = {
            // The CLI's plugin script first asks node where the host is: that is not the host.
            isHost: cmdline.includes("dynamic-provider") && !cmdline.includes("require.resolve"),
            isProgram: /cmd[/\\]run\0/.test(cmdline),
            isEngine: /(^|\/)pulumi\0/.test(cmdline),
            hwmKb: 0,
            cpuMs: 0,
          };
          seen.set(pid, entry);
        }
        if (!entry.isHost && !entry.isProgram && !entry.isEngine) continue;
        if (entry.isHost) entry.hwmKb = Math.max(entry.hwmKb, statusKb(pid, "VmHWM"));
        entry.cpuMs = Math.max(entry.cpuMs, cpuMs(pid));
      } catch {
        // Exited between listing and reading.
      }
    }
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return () => {
    sample();
    clearInterval(timer);
    const hosts = [...seen.values()].filter((e) => e.isHost);
    const self = process.cpuUsage(self0);
    return {
      hosts: hosts.length,
      peakRssMb: Math.max(0, ...hosts.map((h) => h.hwmKb)) / 1024,
      cpuMs: hosts.reduce((sum, h) => sum + h.cpuMs, 0),
      programCpuMs: [...seen.values()].filter((e) => e.isProgram).reduce((sum, p) => sum + p.cpuMs, 0),
      engineCpuMs: [...seen.values()].filter((e) => e.isEngine).reduce((sum, p) => sum + p.cpuMs, 0),
      selfCpuMs: (self.user + self.system) / 1000,
    };
  };
}

// ---------------------------------------------------------------- machine load

function machineJiffies(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** This process and its reaped children: utime + stime + cutime + cstime, in ms. */
function ownTreeMs(): number {
  const stat = readFileSync(`/proc/self/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / CLOCK_TICK;
}

export interface LoadFigures {
  /** All cores' busy share over the interval, in % of the whole machine. */
  machineBusyPct: number;
  /** The part of it that was not this benchmark's process tree, in % of the machine. */
  otherPct: number;
  loadavg1: number;
}

/** Starts watching the machine's load; the returned function gives the figures since. */
export function machineLoad(): () => LoadFigures {
  const m0 = machineJiffies();
  const own0 = ownTreeMs();
  const t0 = performance.now();
  return () => {
    const m1 = machineJiffies();
    const elapsedMs = performance.now() - t0;
    const cores = cpus().length;
    const busyPct = m1.total > m0.total ? (100 * (m1.busy - m0.busy)) / (m1.total - m0.total) : 0;
    const ownPct = elapsedMs > 0 ? (100 * (ownTreeMs() - own0)) / (elapsedMs * cores) : 0;
    return { machineBusyPct: busyPct, otherPct: Math.max(0, busyPct - ownPct), loadavg1: loadavg()[0] };
  };
}

// ---------------------------------------------------------------- the emulator's log

export interface RequestCounts {
  total: number;
  /** GET .../public-key */
  keys: number;
  /** PUT, POST, PATCH, DELETE */
  writes: number;
  /** GET of a secret, a secret list, or an org secret's repositories */
  reads: number;
  /** anything else (GET of a repository or environment) */
  other: number;
  /** answers 403 (the secondary limit) */
  rejected: number;
}

export function classify(records: RequestRecord[]): RequestCounts {
  const counts: RequestCounts = { total: records.length, keys: 0, writes: 0, reads: 0, other: 0, rejected: 0 };
  for (const r of records) {
    if (r.status === 403) counts.rejected += 1;
    if (r.method !== "GET" && r.method !== "HEAD") counts.writes += 1;
    else if (/\/secrets\/public-key$/.test(r.path)) counts.keys += 1;
    else if (/\/secrets(\/|$)/.test(r.path)) counts.reads += 1;
    else counts.other += 1;
  }
  return counts;
}

export function machine(): { cpus: number; model: string; memoryGb: number; node: string; kernel: string } {
  const meminfo = /MemTotal:\s+(\d+)/.exec(readFileSync("/proc/meminfo", "utf8"));
  let kernel = "";
  try {
    kernel = readFileSync("/proc/sys/kernel/osrelease", "utf8").trim();
  } catch {
    // Not Linux.
  }
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? "",
    memoryGb: meminfo ? Number(meminfo[1]) / 1024 / 1024 : 0,
    node: process.version,
    kernel,
  };
}
