import Bottleneck from "bottleneck";
import { Octokit } from "@octokit/rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { appAuthStrategy } from "./app-auth-strategy";
import type { GitHubClock } from "./github-clock";
import { githubFetch } from "./github-fetch";
import { pacedRequests } from "./paced-requests";
import { pointsBudget } from "./points-budget";
import type { ProviderSettings } from "./types";

export const CLIENT_DEFAULTS = {
  apiVersion: "2022-11-28",
  rateLimitRetries: 6,
  /** Octokit's retry plugin waits 1, 4 and 9 times this before its three retries of a failed request. */
  retryBaseMs: 1000,
  /**
   * The longest wait for a rate limit that is worth keeping a run waiting: GitHub's primary limit
   * resets within the hour. A longer `retry-after` or reset is garbled, and fails the request.
   */
  maxRateLimitWaitSeconds: 3600,
};

/**
 * One Octokit for a provider process: Octokit's retry plugin handles 5xx and resets, its
 * throttling plugin the primary and secondary rate limits GitHub reports; the groups given here
 * bound concurrency for every resource of the process, and the points budget paces requests so
 * that the secondary limit is not reached in the first place.
 */
export function createClient(settings: ProviderSettings, clock: GitHubClock): Octokit {
  const retryWhileBudgetLasts = (retryAfter: number, _options: object, _octokit: unknown, retryCount: number) =>
    retryCount < CLIENT_DEFAULTS.rateLimitRetries &&
    retryAfter >= 0 &&
    retryAfter <= CLIENT_DEFAULTS.maxRateLimitWaitSeconds;
  // Pacing first: its hook then wraps only the sending, under the retry and throttling plugins.
  const GitHubClient = Octokit.plugin(pacedRequests(pointsBudget(settings)), retry, throttling);
  const client = new GitHubClient({
    // A token given explicitly (a lookup's own) is used even when the settings name an app.
    ...(settings.appAuth && !settings.token
      ? { authStrategy: appAuthStrategy, auth: settings.appAuth }
      : { auth: settings.token }),
    baseUrl: settings.baseUrl,
    userAgent: "pulumi-github-secrets",
    // The plugin's own list, and 409: GitHub refusing because of an item's state (a variable's name taken, a
    // selection of an item that is not `selected`) answers the same however often it is asked.
    retry: { retryAfterBaseValue: CLIENT_DEFAULTS.retryBaseMs, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451] },
    request: { fetch: githubFetch(settings.requestTimeoutMs, clock) },
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
  // Octokit's constructor takes no default headers; the version GitHub should answer in goes on each request.
  client.hook.before("request", (options) => {
    options.headers["x-github-api-version"] = CLIENT_DEFAULTS.apiVersion;
  });
  return client;
}
