import { pointsBudget, type PacingClock } from "./points-budget";
import { SETTING_DEFAULTS } from "./settings";

// 600 points in a one-second "minute": 120 writes, or 600 reads, in any second.
const settings = { ...SETTING_DEFAULTS, baseUrl: "http://github.invalid", pointsPerMinute: 600, minuteMs: 1000 };
const LATENCY_MS = 50;

/**
 * A virtual clock that runs timers in time order, each when every promise before it has settled:
 * the figures are exact and do not depend on the machine's load.
 */
function eventClock(): PacingClock & { settle(): Promise<void> } {
  let now = 0;
  const timers: { at: number; fire: () => void }[] = [];
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    sleep: (ms) => new Promise<void>((fire) => timers.push({ at: now + ms, fire })),
    async settle() {
      for (await flush(); timers.length > 0; await flush()) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift()!;
        now = Math.max(now, next.at);
        next.fire();
      }
    },
  };
}

/** Asks for all `methods` at once, as concurrent resources do; each request is answered LATENCY_MS after its release. */
async function releaseTimes(methods: string[], askAt: number[] = methods.map(() => 0)) {
  const clock = eventClock();
  const pace = pointsBudget(settings, clock)!;
  const times: number[] = [];
  methods.forEach(
    (method, i) =>
      void clock
        .sleep(askAt[i])
        .then(() => pace(method))
        .then(async (answered) => {
          times[i] = clock.now();
          await clock.sleep(LATENCY_MS);
          answered();
        }),
  );
  await clock.settle();
  return times;
}

test("no pacing when the budget is 0", () => {
  expect(pointsBudget({ ...settings, pointsPerMinute: 0 })).toBeUndefined();
});

test("a run that fits in one window is released at once", async () => {
  // 100 writes and 99 reads: 599 of the 600 points.
  const methods = [...Array(100).fill("PUT"), ...Array(99).fill("GET")];
  expect(new Set(await releaseTimes(methods))).toEqual(new Set([0]));
});

test("beyond the window's budget, a request waits until the earliest answers are a window old", async () => {
  const times = await releaseTimes(Array(250).fill("PUT"));
  // 120 writes spend the window at once; the next 120 go when those have been answered a window
  // ago (1,000 ms after their answers at 50 ms), the last ten a window after theirs.
  expect(times.slice(0, 120)).toEqual(Array(120).fill(0));
  expect(times.slice(120, 240)).toEqual(Array(120).fill(1050));
  expect(times.slice(240)).toEqual(Array(10).fill(2100));
});

test("a write waits for enough points, and the reads asked after it do not overtake it", async () => {
  // 119 writes leave 5 points: the 120th write fits, then a 121st must wait; the read after it too.
  const times = await releaseTimes([...Array(120).fill("PUT"), "PUT", "GET"]);
  expect(times.slice(0, 120)).toEqual(Array(120).fill(0));
  expect(times.slice(120)).toEqual([1050, 1050]);
});

test("points spent long enough ago no longer count: requests asked later find the window free", async () => {
  const askAt = [...Array(120).fill(0), ...Array(120).fill(1050)];
  const times = await releaseTimes(Array(240).fill("PUT"), askAt);
  expect(times).toEqual(askAt);
});

test("a request in flight holds its points until a window after its answer", async () => {
  const clock = eventClock();
  const pace = pointsBudget({ ...settings, pointsPerMinute: 5 }, clock)!;
  const first = await pace("PUT");
  let secondAt: number | undefined;
  void pace("PUT").then(() => (secondAt = clock.now()));
  void clock.sleep(5000).then(first); // answered after 5 s, however long the window
  await clock.settle();
  expect(secondAt).toBe(5000 + settings.minuteMs);
});
