import { emulatorControl, startEmulator, type Emulator } from "../emulator";
import { createContext } from "./context";
import { repoSecret } from "./repo-secret";
import { SETTING_DEFAULTS } from "./settings";
import { asEngineSends, TOKEN } from "../tests/support/emulated-github";

// GitHub's secondary limit, enforced by the emulator with a short "minute": 900 points in 4.5 s, a
// write costing 5. Sixty writes and a key GET need 301 points: 1.5 s at the least.
const GITHUB_LIMITS = { pointsPerMinute: 900, minuteMs: 4500, writePoints: 5, readPoints: 1, concurrent: 100 };
// A budget the same sixty writes exceed within one "minute".
const TIGHT_LIMITS = { ...GITHUB_LIMITS, pointsPerMinute: 200, minuteMs: 1000 };
const WRITES = 60;
let emulator: Emulator | undefined;

afterEach(() => emulator?.close());

async function burst(limits: typeof GITHUB_LIMITS, pointsPerMinute: number) {
  emulator = await startEmulator({ port: 0, limits });
  const context = createContext({
    ...SETTING_DEFAULTS,
    token: TOKEN,
    baseUrl: emulator.url,
    pointsPerMinute,
    minuteMs: limits.minuteMs,
  });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: WRITES }, async (_, i) => {
      const checked = await repoSecret.check(
        context,
        {},
        { owner: "octo-org", repository: "hello-world", secretName: `S${i}`, plaintextValue: `v${i}` },
      );
      await repoSecret.create(context, asEngineSends(checked.inputs));
    }),
  );
  const control = emulatorControl(emulator.url);
  const limitsSeen = await control.limits();
  const stored = (await control.secrets()).length;
  return { seconds: (Date.now() - started) / 1000, rejected: limitsSeen.rejected, stored };
}

test("paced to the points budget, a burst of writes provokes no secondary-limit answer and takes about the budget's time", async () => {
  const limits = GITHUB_LIMITS;
  const minimum = ((WRITES * limits.writePoints + 1) / limits.pointsPerMinute) * (limits.minuteMs / 1000);
  const { seconds, rejected, stored } = await burst(limits, limits.pointsPerMinute);
  expect(stored).toBe(WRITES);
  expect(rejected).toBe(0);
  expect(seconds).toBeGreaterThan(minimum);
  // Not held back for long either; how close to the minimum it comes is measured by `npm run bench`, not here.
  expect(seconds).toBeLessThan(minimum * 2);
});

test("unpaced, the same burst is refused by the secondary limit, and Octokit's throttling still gets every write through", async () => {
  const { rejected, stored } = await burst(TIGHT_LIMITS, 0);
  expect(stored).toBe(WRITES);
  expect(rejected).toBeGreaterThan(0);
});
