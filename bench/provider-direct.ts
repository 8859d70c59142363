// The provider without the engine: the built provider (dist/provider/index.js, what the
// dynamic-provider host loads) configured as the host configures it, then check() and create() for
// N secrets all at once, as an engine with unbounded --parallel would call them, in a process of
// its own. This tells the provider's own request scheduling (its concurrency bound and pacing)
// apart from the engine harness, which checks and diffs one registration at a time.
// Usage: node provider-direct.js N BASE_URL POINTS_PER_MINUTE MINUTE_MS  →  one line of JSON.
import { join } from "node:path";
import { declared, secrets, TOKEN, valueOf } from "./workload";

// Compiled to bench/dist/bench/.
const ROOT = join(__dirname, "..", "..", "..");
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/** What the engine sends on: the host does not accept secrets, so their markers are stripped. */
const asEngineSends = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    v && typeof v === "object" && SECRET_SIGNATURE in v ? (v as unknown as { value: unknown }).value : v,
  ) as T;

async function main() {
  const [n, baseUrl, pointsPerMinute, minuteMs] = process.argv.slice(2);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built provider, by a path known at run time: the benchmark measures dist/, not the sources
  const provider = require(join(ROOT, "dist", "provider", "index.js")) as typeof import("../provider/index");
  const config: Record<string, string> = {
    "github:token": TOKEN,
    "github:baseUrl": baseUrl,
    "github:pointsPerMinute": pointsPerMinute,
    "github:rateLimitMinuteMs": minuteMs,
  };
  provider.configure({ get: (key) => config[key] });
  const t0 = performance.now();
  let failed = 0;
  await Promise.all(
    secrets(Number(n)).map(async (s) => {
      const { kind, args } = declared(s, valueOf(s, 0));
      const resource = provider.resourceProvider(kind);
      try {
        const checked = await resource.check!({}, { ...args, plaintextValue: valueOf(s, 0) });
        await resource.create(asEngineSends(checked.inputs));
      } catch {
        failed += 1;
      }
    }),
  );
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, failed }) + "\n");
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
