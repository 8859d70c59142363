import type { Octokit } from "@octokit/rest";
import type { PaceRequest } from "./points-budget";

/**
 * An Octokit plugin that holds every request GitHub will see to the points budget (none: no pacing).
 * Given first to `Octokit.plugin`, its hook is the innermost, so the retry and throttling plugins'
 * repeats of a request are paced and counted as well.
 */
export function pacedRequests(pace: PaceRequest | undefined) {
  return (octokit: Pick<Octokit, "hook">): void => {
    if (!pace) return;
    octokit.hook.wrap("request", async (request, options) => {
      const answered = await pace(options.method);
      try {
        return await request(options);
      } finally {
        answered();
      }
    });
  };
}
