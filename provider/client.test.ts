import { emulatorControl, startEmulator, type Emulator } from "../emulator";
import { createContext } from "./context";
import { repoSecret } from "./repo-secret";
import { SETTING_DEFAULTS } from "./settings";
import { asEngineSends, TOKEN } from "../tests/support/emulated-github";

// GitHub's secondary limit as the emulator enforces it, over GitHub's own minute: 900 points, a
// write costing 5. Sixty writes and a key GET need 301 points, which fit in one window.
const GITHUB_LIMITS = { pointsPerMinute: 900, minuteMs: 60_000, writePoints: 5, readPoints: 1, concurrent: 100 };
// A budget the same sixty writes exceed within one (one-second) "minute".
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

test("paced by GitHub's rule, a burst that fits in one window provokes no secondary-limit answer and waits for no window", async () => {
  const { seconds, rejected, stored } = await burst(GITHUB_LIMITS, GITHUB_LIMITS.pointsPerMinute);
  expect(stored).toBe(WRITES);
  expect(rejected).toBe(0);
  // Waiting for the window to move on would take a minute; the writes themselves take well under one second.
  expect(seconds).toBeLessThan(GITHUB_LIMITS.minuteMs / 1000 / 4);
});

test("paced by GitHub's rule, a burst beyond one window's budget waits for the window instead of being refused", async () => {
  const { seconds, rejected, stored } = await burst(TIGHT_LIMITS, TIGHT_LIMITS.pointsPerMinute);
  expect(stored).toBe(WRITES);
  expect(rejected).toBe(0);
  // 301 points at 200 a window: no client keeping to the rule can finish within one window.
  expect(seconds).toBeGreaterThan(TIGHT_LIMITS.minuteMs / 1000);
});

test("unpaced, the same burst is refused by the secondary limit, and Octokit's throttling still gets every write through", async () => {
  const { rejected, stored } = await burst(TIGHT_LIMITS, 0);
  expect(stored).toBe(WRITES);
  expect(rejected).toBeGreaterThan(0);
});
