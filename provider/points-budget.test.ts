import { pointsBudget, POINTS_BUDGET_DEFAULTS, type PacingClock } from "./points-budget";
import { SETTING_DEFAULTS } from "./settings";

// 600 points in a one-second "minute", paced at 97%: a point every 1.72 ms, a write every 8.6 ms.
const settings = { ...SETTING_DEFAULTS, baseUrl: "http://github.invalid", pointsPerMinute: 600, minuteMs: 1000 };
const msPerPoint = settings.minuteMs / (settings.pointsPerMinute * POINTS_BUDGET_DEFAULTS.budgetShare);

/** A virtual clock: sleeping moves it on by exactly the time asked, so the figures do not depend on the machine's load. */
function virtualClock(): PacingClock & { advance(ms: number): void } {
  let now = 0;
  return {
    now: () => now,
    advance: (ms) => void (now += ms),
    sleep: async (ms) => void (now += ms),
  };
}

async function releaseTimes(
  methods: string[],
  whileQueued: (clock: ReturnType<typeof virtualClock>) => void = () => {},
) {
  const clock = virtualClock();
  const pace = pointsBudget(settings, clock)!;
  const times: number[] = [];
  const released = methods.map((method) => pace(method).then(() => void times.push(clock.now())));
  whileQueued(clock);
  await Promise.all(released);
  return times;
}

const gapsOf = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

test("no pacing when the budget is 0", () => {
  expect(pointsBudget({ ...settings, pointsPerMinute: 0 })).toBeUndefined();
});

test("a write holds the next request back for 5 points, a read for 1, rounded up to whole milliseconds", async () => {
  const times = await releaseTimes(["PUT", "GET", "GET", "DELETE", "PUT"]);
  const expected = [5, 1, 1, 5].map((points) => Math.ceil(points * msPerPoint));
  expect(gapsOf(times)).toEqual(expected);
});

test("after the event loop stalls, queued writes are still released a write's points apart, not at once", async () => {
  const times = await releaseTimes(Array(12).fill("PUT"), (clock) => clock.advance(100));
  expect(times[0]).toBe(100);
  expect(new Set(gapsOf(times))).toEqual(new Set([Math.ceil(5 * msPerPoint)]));
});
