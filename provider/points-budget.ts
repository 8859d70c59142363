import { setTimeout as sleep } from "node:timers/promises";
import type { ProviderSettings } from "./types";

export const POINTS_BUDGET_DEFAULTS = {
  /** GitHub's secondary limit: a write (anything but GET and HEAD) costs 5 points, a read 1. */
  writePoints: 5,
  readPoints: 1,
};

/** Call it when the request's answer (or its failure) has arrived. */
export type RequestAnswered = () => void;

/** Waits until a request of the given method may start without exceeding the points budget. */
export type PaceRequest = (method: string) => Promise<RequestAnswered>;

/** The time pacing reads and waits on: the process's own, or a test's virtual one. */
export interface PacingClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const processClock: PacingClock = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

interface Spending {
  points: number;
  /** When its answer arrived; undefined while it is in flight. */
  answeredAt?: number;
}

/**
 * GitHub's rule as the budget: at most `pointsPerMinute` points spent in any window of `minuteMs`.
 * A run that fits in one window is released as fast as the concurrency bound lets it; only when the
 * window is spent does the next request wait, until enough earlier ones have left it.
 *
 * A request's points count from its release until `minuteMs` after its answer arrived. GitHub
 * charges a request when it arrives, which is after the release and before the answer, so counting
 * from the answer keeps this process's window at least as long as GitHub's whatever the latency or
 * its jitter, at the cost of one round trip per window. Requests are released in the order they
 * asked, so a write is never overtaken by a stream of cheaper reads.
 */
export function pointsBudget(settings: ProviderSettings, clock = processClock): PaceRequest | undefined {
  if (settings.pointsPerMinute === 0) return undefined;
  const { pointsPerMinute: budget, minuteMs } = settings;
  let spent: Spending[] = [];
  const waiting: { points: number; release: (answered: RequestAnswered) => void }[] = [];
  let onAnswer: (() => void) | undefined;
  let pumping = false;

  /** 0 when `points` fit now; else how long until they do; Infinity when that hangs on answers still to come. */
  function msUntilAffordable(points: number): number {
    const now = clock.now();
    spent = spent.filter((s) => s.answeredAt === undefined || s.answeredAt + minuteMs > now);
    const inWindow = spent.reduce((sum, s) => sum + s.points, 0);
    // A request dearer than the whole budget still goes when the window is empty, rather than never.
    if (inWindow === 0 || inWindow + points <= budget) return 0;
    // A request still in flight leaves the window a full `minuteMs` from now at the earliest, after
    // every answered one: the answered ones, oldest answer first, are what frees points soonest.
    let excess = inWindow + points - budget;
    const answered = spent.filter((s) => s.answeredAt !== undefined).sort((a, b) => a.answeredAt! - b.answeredAt!);
    for (const s of answered) {
      excess -= s.points;
      if (excess <= 0) return s.answeredAt! + minuteMs - now;
    }
    return Infinity;
  }

  async function releaseInOrder(): Promise<void> {
    pumping = true;
    while (waiting.length > 0) {
      const wait = msUntilAffordable(waiting[0].points);
      if (wait === 0) {
        const next = waiting.shift()!;
        const spending: Spending = { points: next.points };
        spent.push(spending);
        next.release(() => {
          spending.answeredAt ??= clock.now();
          onAnswer?.();
        });
      } else if (wait === Infinity) {
        await new Promise<void>((resolve) => (onAnswer = resolve));
        onAnswer = undefined;
      } else {
        // Node truncates a timer's delay to whole milliseconds: round up, never release early.
        await clock.sleep(Math.ceil(wait));
      }
    }
    pumping = false;
  }

  return (method) => {
    const write = method !== "GET" && method !== "HEAD";
    const points = write ? POINTS_BUDGET_DEFAULTS.writePoints : POINTS_BUDGET_DEFAULTS.readPoints;
    const released = new Promise<RequestAnswered>((release) => waiting.push({ points, release }));
    if (!pumping) void releaseInOrder();
    return released;
  };
}
