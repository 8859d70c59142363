import { startEmulator, type Emulator } from "../emulator";
import { createContext } from "./context";
import { repoSecret } from "./repo-secret";
import { SETTING_DEFAULTS } from "./settings";
import { asEngineSends, TOKEN } from "../tests/support/emulated-github";

// GitHub's secondary limit, enforced by the emulator with a short "minute": 200 points a second,
// a write costing 5. Sixty writes need 300 points: 1.5 windows' worth at the least.
const LIMITS = { pointsPerMinute: 200, minuteMs: 1000, writePoints: 5, readPoints: 1, concurrent: 100 };
const WRITES = 60;
let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, limits: LIMITS });
});
afterEach(() => emulator.close());

async function burst(pointsPerMinute: number) {
  const context = createContext({ ...SETTING_DEFAULTS, token: TOKEN, baseUrl: emulator.url, pointsPerMinute, minuteMs: LIMITS.minuteMs });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: WRITES }, async (_, i) => {
      const checked = await repoSecret.check(context, {}, { owner: "octo-org", repository: "hello-world", secretName: `S${i}`, plaintextValue: `v${i}` });
      await repoSecret.create(context, asEngineSends(checked.inputs!));
    }),
  );
  const limits = (await (await fetch(`${emulator.url}/_emulator/limits`)).json()) as { rejected: number };
  const stored = ((await (await fetch(`${emulator.url}/_emulator/secrets`)).json()) as unknown[]).length;
  return { seconds: (Date.now() - started) / 1000, rejected: limits.rejected, stored };
}

test("paced to the points budget, a burst of writes provokes no secondary-limit answer and takes about the budget's time", async () => {
  const minimum = ((WRITES * LIMITS.writePoints + 1) / LIMITS.pointsPerMinute) * (LIMITS.minuteMs / 1000);
  const { seconds, rejected, stored } = await burst(LIMITS.pointsPerMinute);
  expect(stored).toBe(WRITES);
  expect(rejected).toBe(0);
  expect(seconds).toBeGreaterThan(minimum * 0.9);
  expect(seconds).toBeLessThan(minimum * 1.5 + 0.5);
});

test("unpaced, the same burst is refused by the secondary limit, and Octokit's throttling still gets every write through", async () => {
  const { rejected, stored } = await burst(0);
  expect(stored).toBe(WRITES);
  expect(rejected).toBeGreaterThan(0);
});
