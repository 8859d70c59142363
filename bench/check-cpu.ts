// The CPU time the provider's check() spends per secret, measured in a process of its own:
// the built provider (dist/provider/index.js, what the dynamic-provider host loads) is configured
// as the host configures it, then check({}, news) runs for N secrets one after another, as the
// engine calls it (one registration at a time), and process.cpuUsage() is read around the loop.
// Usage: node check-cpu.js N  →  one line of JSON.
import { join } from "node:path";
import { declared, secrets, TOKEN, valueOf } from "./workload";

// Compiled to bench/dist/bench/.
const ROOT = join(__dirname, "..", "..", "..");

async function main() {
  const n = Number(process.argv[2] ?? 1000);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built provider, by a path known at run time: the benchmark measures dist/, not the sources
  const provider = require(join(ROOT, "dist", "provider", "index.js")) as typeof import("../provider/index");
  const config: Record<string, string> = {
    "github:token": TOKEN,
    "github:baseUrl": "http://127.0.0.1:9",
    "github:pointsPerMinute": "0",
  };
  provider.configure({ get: (key) => config[key] });
  const inputs = secrets(n).map((s) => {
    const { kind, args } = declared(s, valueOf(s, 0));
    return { kind, news: { ...args, plaintextValue: valueOf(s, 0) } };
  });
  const providers = Object.fromEntries(
    ["RepoSecret", "EnvSecret", "OrgSecret"].map((k) => [k, provider.resourceProvider(k)]),
  );

  const before = process.cpuUsage();
  const t0 = performance.now();
  for (const { kind, news } of inputs) await providers[kind].check!({}, news);
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(before);
  const cpuMs = (used.user + used.system) / 1000;

  // The same again in the now warm process (JIT compiled, caches filled), for the steady state.
  const before2 = process.cpuUsage();
  for (const { kind, news } of inputs) await providers[kind].check!({}, news);
  const used2 = process.cpuUsage(before2);
  const warmCpuMs = (used2.user + used2.system) / 1000;

  process.stdout.write(
    JSON.stringify({ n, cpuMs, wallMs, perSecretMs: cpuMs / n, warmPerSecretMs: warmCpuMs / n }) + "\n",
  );
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
