import { setTimeout as sleep } from "node:timers/promises";
import type { ProviderSettings } from "./types";

export const POINTS_BUDGET_DEFAULTS = {
  /** GitHub's secondary limit: a write (anything but GET and HEAD) costs 5 points, a read 1. */
  writePoints: 5,
  readPoints: 1,
  /**
   * Pacing aims a little under the budget: a minute-long window can hold one request more than the
   * pace (the one starting at its edge), and arrival times at GitHub jitter.
   */
  budgetShare: 0.97,
};

/** Waits until a request of the given method may start without exceeding the points budget. */
export type PaceRequest = (method: string) => Promise<void>;

/**
 * Releases GitHub's secondary-limit points at an even pace: each request starts when the points of
 * the one before it have been paid for, so that N writes take N × 5 ÷ 900 minutes and never less.
 * The schedule is kept as a time, not as a reservoir refilled by a timer: a refill that waits for a
 * timer to notice an interval is over loses that delay on every interval (5–10% of the budget with
 * Bottleneck's reservoir), and a late timer here delays one request without shifting the ones after.
 */
export function pointsBudget(settings: ProviderSettings): PaceRequest | undefined {
  if (settings.pointsPerMinute === 0) return undefined;
  const msPerPoint = settings.minuteMs / (settings.pointsPerMinute * POINTS_BUDGET_DEFAULTS.budgetShare);
  let nextStart = 0;
  return async (method) => {
    const write = method !== "GET" && method !== "HEAD";
    const points = write ? POINTS_BUDGET_DEFAULTS.writePoints : POINTS_BUDGET_DEFAULTS.readPoints;
    const now = performance.now();
    const start = Math.max(now, nextStart);
    nextStart = start + points * msPerPoint;
    if (start > now) await sleep(start - now);
  };
}
