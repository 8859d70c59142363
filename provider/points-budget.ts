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

/** The time pacing reads and waits on: the process's own, or a test's virtual one. */
export interface PacingClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const processClock: PacingClock = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

/**
 * Releases requests one after another at GitHub's pace: each one when the points of the one
 * before it have been paid for, counted from when that one was actually released, so that N
 * writes take N × 5 ÷ 900 minutes and never less. Counting from the actual release (not from a
 * timetable set in advance) means a stalled event loop delays the requests after it instead of
 * letting them go at once to catch up, which could exceed the budget within a minute; and unlike a
 * reservoir refilled by a timer, no time is lost between refills (Bottleneck's lost 5–10% of the
 * budget).
 */
export function pointsBudget(settings: ProviderSettings, clock = processClock): PaceRequest | undefined {
  if (settings.pointsPerMinute === 0) return undefined;
  const msPerPoint = settings.minuteMs / (settings.pointsPerMinute * POINTS_BUDGET_DEFAULTS.budgetShare);
  let lastRelease = Promise.resolve();
  let nextFree = 0;
  return (method) => {
    const write = method !== "GET" && method !== "HEAD";
    const points = write ? POINTS_BUDGET_DEFAULTS.writePoints : POINTS_BUDGET_DEFAULTS.readPoints;
    const release = lastRelease.then(async () => {
      // Node truncates a timer's delay to whole milliseconds: round up, never release early.
      const wait = nextFree - clock.now();
      if (wait > 0) await clock.sleep(Math.ceil(wait));
      nextFree = clock.now() + points * msPerPoint;
    });
    lastRelease = release;
    return release;
  };
}
