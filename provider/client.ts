import Bottleneck from "bottleneck";
import { Octokit } from "@octokit/rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { appAuthStrategy } from "./app-auth-strategy";
import { pointsBudget } from "./points-budget";
import type { ProviderSettings } from "./types";

const GitHubClient = Octokit.plugin(retry, throttling);

export const CLIENT_DEFAULTS = {
  apiVersion: "2022-11-28",
  rateLimitRetries: 6,
};

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
    // A token given explicitly (a lookup's own) is used even when the settings name an app.
    ...(settings.appAuth && !settings.token ? { authStrategy: appAuthStrategy, auth: settings.appAuth } : { auth: settings.token }),
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
  const paceRequest = pointsBudget(settings);
  if (paceRequest) client.hook.before("request", (options) => paceRequest(options.method));
  return client;
}
