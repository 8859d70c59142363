import { pointsBudget, POINTS_BUDGET_DEFAULTS } from "./points-budget";
import { SETTING_DEFAULTS } from "./settings";

// 600 points in a one-second "minute", paced at 97%: a point every 1.72 ms, a write every 8.6 ms.
const settings = { ...SETTING_DEFAULTS, baseUrl: "http://github.invalid", pointsPerMinute: 600, minuteMs: 1000 };
const msPerPoint = settings.minuteMs / (settings.pointsPerMinute * POINTS_BUDGET_DEFAULTS.budgetShare);

async function releaseTimes(pace: (method: string) => Promise<void>, methods: string[], whileQueued = () => {}) {
  const times: number[] = [];
  const released = methods.map((method) => pace(method).then(() => void times.push(performance.now())));
  whileQueued();
  await Promise.all(released);
  return times.map((t) => t - times[0]);
}

test("no pacing when the budget is 0", () => {
  expect(pointsBudget({ ...settings, pointsPerMinute: 0 })).toBeUndefined();
});

test("a write holds the next request back for 5 points, a read for 1", async () => {
  const times = await releaseTimes(pointsBudget(settings)!, ["PUT", "GET", "GET", "DELETE", "PUT"]);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  const expected = [5, 1, 1, 5].map((points) => points * msPerPoint);
  gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(expected[i] - 0.5));
  // Paced, not slowed: the whole run is within a few timer ticks of the points it spends.
  expect(times[times.length - 1]).toBeLessThan(12 * msPerPoint + 20);
});

test("after the event loop stalls, queued writes are still released a write's points apart, not at once", async () => {
  const stall = () => {
    const until = performance.now() + 100;
    while (performance.now() < until);
  };
  const times = await releaseTimes(pointsBudget(settings)!, Array(12).fill("PUT"), stall);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5 * msPerPoint - 0.5);
});
