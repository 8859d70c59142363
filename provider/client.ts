import Bottleneck from "bottleneck";
import { Octokit } from "@octokit/rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import type { ProviderSettings } from "./types";

const GitHubClient = Octokit.plugin(retry, throttling);

export const CLIENT_DEFAULTS = {
  apiVersion: "2022-11-28",
  /** Requests in flight at once, across every resource of a provider process. */
  maxConcurrency: 10,
  rateLimitRetries: 4,
};

/**
 * One Octokit for a provider process: Octokit's retry plugin handles 5xx and resets, its
 * throttling plugin the primary and secondary rate limits. The plugin's own default queues every
 * write behind a one-second gap; the groups given here bound concurrency instead.
 */
export function createClient(settings: ProviderSettings): Octokit {
  const retryWhileBudgetLasts = (_retryAfter: number, _options: object, _octokit: unknown, retryCount: number) =>
    retryCount < CLIENT_DEFAULTS.rateLimitRetries;
  return new GitHubClient({
    auth: settings.token,
    baseUrl: settings.baseUrl,
    userAgent: "pulumi-github-secrets",
    request: { headers: { "x-github-api-version": CLIENT_DEFAULTS.apiVersion } },
    throttle: {
      onRateLimit: retryWhileBudgetLasts,
      onSecondaryRateLimit: retryWhileBudgetLasts,
      // The plugin takes its limiter groups from these options when given (its types omit them).
      ...{
        global: new Bottleneck.Group({ maxConcurrent: CLIENT_DEFAULTS.maxConcurrency }),
        write: new Bottleneck.Group({ maxConcurrent: CLIENT_DEFAULTS.maxConcurrency }),
      },
    },
    // Octokit logs request failures that the provider reports itself, with more context.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}
