import Bottleneck from "bottleneck";
import { Octokit } from "@octokit/rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import type { ProviderSettings } from "./types";

const GitHubClient = Octokit.plugin(retry, throttling);

export const CLIENT_DEFAULTS = {
  apiVersion: "2022-11-28",
  rateLimitRetries: 6,
  /** GitHub's points: a write (anything but GET and HEAD) costs 5, a read 1. */
  writePoints: 5,
  readPoints: 1,
  /** Pacing aims a little under the budget, so that GitHub's own clock never sees it exceeded. */
  budgetShare: 0.95,
};

/**
 * A limiter that releases GitHub's secondary-limit points evenly over the minute, one point at a
 * time, so that no minute-long window ever holds more than the budget and a run of N writes takes
 * about N × 5 ÷ 900 minutes, not less (and no 403) and not much more.
 */
function pointsBudget(settings: ProviderSettings): Bottleneck | undefined {
  if (settings.pointsPerMinute === 0) return undefined;
  const pointEveryMs = settings.minuteMs / (settings.pointsPerMinute * CLIENT_DEFAULTS.budgetShare);
  // Bottleneck adds points when a heartbeat finds an interval over, and counts the next interval
  // from then: a short heartbeat keeps that loss small, a ~200 ms interval keeps timers few, and
  // the points held back at once stay within the 5% of the budget that pacing leaves unused.
  // Steps are whole writes: a remainder below a write's cost would be lost at the cap.
  const write = CLIENT_DEFAULTS.writePoints;
  const wanted = Math.min(Math.ceil(200 / pointEveryMs), Math.floor(settings.pointsPerMinute * (1 - CLIENT_DEFAULTS.budgetShare)));
  const perBeat = Math.max(write, Math.floor(wanted / write) * write);
  const beatMs = Math.round(pointEveryMs * perBeat);
  return new Bottleneck({
    reservoir: CLIENT_DEFAULTS.writePoints,
    reservoirIncreaseInterval: beatMs,
    reservoirIncreaseAmount: perBeat,
    reservoirIncreaseMaximum: perBeat,
    heartbeatInterval: Math.max(5, Math.round(beatMs / 10)),
  });
}

/**
 * One Octokit for a provider process: Octokit's retry plugin handles 5xx and resets, its
 * throttling plugin the primary and secondary rate limits GitHub reports; the groups given here
 * bound concurrency for every resource of the process, and the points budget paces requests so
 * that the secondary limit is not reached in the first place.
 */
export function createClient(settings: ProviderSettings): Octokit {
  const retryWhileBudgetLasts = (_retryAfter: number, _options: object, _octokit: unknown, retryCount: number) =>
    retryCount < CLIENT_DEFAULTS.rateLimitRetries;
  const client = new GitHubClient({
    auth: settings.token,
    baseUrl: settings.baseUrl,
    userAgent: "pulumi-github-secrets",
    request: { headers: { "x-github-api-version": CLIENT_DEFAULTS.apiVersion } },
    throttle: {
      onRateLimit: retryWhileBudgetLasts,
      onSecondaryRateLimit: retryWhileBudgetLasts,
      // The plugin takes its limiter groups from these options when given (its types omit them).
      // Its own write group would queue every write behind a one-second gap.
      ...{
        global: new Bottleneck.Group({ maxConcurrent: settings.maxConcurrency }),
        write: new Bottleneck.Group({ maxConcurrent: settings.maxConcurrency }),
      },
    },
    // Octokit logs request failures that the provider reports itself, with more context.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  const budget = pointsBudget(settings);
  if (budget) {
    client.hook.before("request", async (options) => {
      const write = options.method !== "GET" && options.method !== "HEAD";
      await budget.schedule({ weight: write ? CLIENT_DEFAULTS.writePoints : CLIENT_DEFAULTS.readPoints }, async () => undefined);
    });
  }
  return client;
}
