import { objectOf, onlyKeys, optionalNumber } from "./check-fields";

/** GitHub's secondary limits as the emulator enforces them when asked (`startEmulator({ limits })`, `POST /_emulator/limits`). */
export interface LimitSettings {
  /** Requests that may be in flight at once. GitHub: about 100. */
  concurrent: number;
  /** Points that requests may spend in any `minuteMs`. GitHub: 900 a minute for the REST API. */
  pointsPerMinute: number;
  /** What a PUT, POST, PATCH or DELETE costs. GitHub: 5. */
  writePoints: number;
  /** What any other request costs. GitHub: 1. */
  readPoints: number;
  /** The window's length, shorter in tests. */
  minuteMs: number;
}

export const DEFAULT_LIMITS: Readonly<LimitSettings> = {
  concurrent: 100,
  pointsPerMinute: 900,
  writePoints: 5,
  readPoints: 1,
  minuteMs: 60_000,
};

/** What `GET /_emulator/limits` answers. */
export interface LimitsStatus {
  /** Whether the limits are enforced. */
  enabled: boolean;
  /** With the defaults filled in; null when the limits are off. */
  settings: LimitSettings | null;
  /** Requests answered 403 by the limits since they were set or the emulator reset. */
  rejected: number;
  /** Of those, refused for too many requests in flight. */
  rejectedConcurrent: number;
  /** Of those, refused for too many points in the window. */
  rejectedPoints: number;
  /** API requests being served now (counted whether or not the limits are on). */
  inFlight: number;
  /** The most API requests in flight at once since the limits were set or the emulator reset. */
  inFlightPeak: number;
  /** Points spent in the current window (the last `minuteMs`); 0 when the limits are off. */
  pointsUsed: number;
  /** Points spent since the limits were set or the emulator reset. */
  pointsTotal: number;
}

export type Admission =
  { admitted: true; release(): void } | { admitted: false; reason: "concurrent" | "points"; retryAfter: number };

const WRITE_METHODS = new Set(["PUT", "POST", "PATCH", "DELETE"]);

/** Checks a `limits` body or option and fills in the defaults. */
export function validateLimitSettings(value: unknown, at = "limits"): LimitSettings {
  const o = objectOf(value, at);
  onlyKeys(o, Object.keys(DEFAULT_LIMITS), at);
  const settings: LimitSettings = {
    concurrent: optionalNumber(o, "concurrent", at, { min: 1, integer: true }) ?? DEFAULT_LIMITS.concurrent,
    pointsPerMinute:
      optionalNumber(o, "pointsPerMinute", at, { min: 1, integer: true }) ?? DEFAULT_LIMITS.pointsPerMinute,
    writePoints: optionalNumber(o, "writePoints", at, { min: 0, integer: true }) ?? DEFAULT_LIMITS.writePoints,
    readPoints: optionalNumber(o, "readPoints", at, { min: 0, integer: true }) ?? DEFAULT_LIMITS.readPoints,
    minuteMs: optionalNumber(o, "minuteMs", at, { min: 0, above: true }) ?? DEFAULT_LIMITS.minuteMs,
  };
  for (const key of ["writePoints", "readPoints"] as const) {
    if (settings[key] > settings.pointsPerMinute)
      throw new Error(
        `${at}.${key} must not exceed pointsPerMinute (${settings.pointsPerMinute}), or no such request could ever pass`,
      );
  }
  return settings;
}

/**
 * GitHub's secondary limits: at most `concurrent` API requests in flight, and at most
 * `pointsPerMinute` points spent in any window of `minuteMs`.
 *
 * The window SLIDES: a request's points count against the budget for exactly `minuteMs` after
 * it arrived, then free up (GitHub documents the limit as points "per minute", not per clock
 * minute). So a burst at the end of one minute is not followed by a fresh full budget a moment
 * later, as it would be with fixed windows.
 *
 * A request is charged when admitted, on arrival; a rejected request costs nothing and is not in
 * flight. The in-flight count runs whether or not the limits are on, so that `inFlightPeak`
 * also tells a benchmark how concurrent its client was. One budget for all tokens.
 */
export class SecondaryLimits {
  private settings: LimitSettings | undefined;
  private inFlight = 0;
  private inFlightPeak = 0;
  private rejectedConcurrent = 0;
  private rejectedPoints = 0;
  private pointsTotal = 0;
  /** Admitted requests still in the window, oldest first. */
  private window: { at: number; points: number }[] = [];
  private pointsInWindow = 0;

  constructor(settings?: LimitSettings) {
    this.configure(settings);
  }

  /** Switches the limits on with `settings`, or off; either way starts the counters and the window afresh. */
  configure(settings: LimitSettings | undefined): void {
    this.settings = settings && { ...settings };
    this.inFlightPeak = this.inFlight;
    this.rejectedConcurrent = 0;
    this.rejectedPoints = 0;
    this.pointsTotal = 0;
    this.window = [];
    this.pointsInWindow = 0;
  }

  /** Admits a request arriving `now` (charging it) or says why not and when to retry, in whole seconds (at least 1). */
  admit(method: string, now = Date.now()): Admission {
    const settings = this.settings;
    if (settings) {
      this.expire(now, settings);
      const cost = WRITE_METHODS.has(method) ? settings.writePoints : settings.readPoints;
      const overBudget = this.pointsInWindow + cost > settings.pointsPerMinute;
      if (this.inFlight >= settings.concurrent || overBudget) {
        const retryAfter = Math.max(1, Math.ceil(this.msUntilAffordable(cost, now, settings) / 1000));
        if (overBudget) this.rejectedPoints += 1;
        else this.rejectedConcurrent += 1;
        return { admitted: false, reason: overBudget ? "points" : "concurrent", retryAfter };
      }
      if (cost > 0) {
        this.window.push({ at: now, points: cost });
        this.pointsInWindow += cost;
        this.pointsTotal += cost;
      }
    }
    this.inFlight += 1;
    this.inFlightPeak = Math.max(this.inFlightPeak, this.inFlight);
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
      },
    };
  }

  status(now = Date.now()): LimitsStatus {
    if (this.settings) this.expire(now, this.settings);
    return {
      enabled: this.settings !== undefined,
      settings: this.settings ? { ...this.settings } : null,
      rejected: this.rejectedConcurrent + this.rejectedPoints,
      rejectedConcurrent: this.rejectedConcurrent,
      rejectedPoints: this.rejectedPoints,
      inFlight: this.inFlight,
      inFlightPeak: this.inFlightPeak,
      pointsUsed: this.pointsInWindow,
      pointsTotal: this.pointsTotal,
    };
  }

  /** Drops the requests that arrived `minuteMs` or longer ago. */
  private expire(now: number, settings: LimitSettings): void {
    while (this.window.length > 0 && this.window[0].at + settings.minuteMs <= now) {
      this.pointsInWindow -= this.window.shift()!.points;
    }
  }

  /** How long until the oldest requests in the window have freed enough points for `cost` (0 if it fits now). */
  private msUntilAffordable(cost: number, now: number, settings: LimitSettings): number {
    let excess = this.pointsInWindow + cost - settings.pointsPerMinute;
    if (excess <= 0) return 0;
    for (const entry of this.window) {
      excess -= entry.points;
      if (excess <= 0) return entry.at + settings.minuteMs - now;
    }
    return settings.minuteMs;
  }
}
