const HOUR_SECONDS = 3600;

/**
 * GitHub's primary rate-limit headers, counted per token in hourly windows
 * (60 an hour without a valid token, as GitHub does for unauthenticated calls).
 * Nothing is refused when a window runs out: an offline test should not wait an hour.
 */
export class RateLimits {
  private readonly windows = new Map<string, { used: number; reset: number }>();

  take(token: string | undefined): Record<string, string> {
    const limit = token === undefined ? 60 : 5000;
    const now = Math.floor(Date.now() / 1000);
    let window = this.windows.get(token ?? "");
    if (!window || window.reset <= now) {
      window = { used: 0, reset: now + HOUR_SECONDS };
      this.windows.set(token ?? "", window);
    }
    window.used += 1;
    return {
      "x-ratelimit-limit": String(limit),
      "x-ratelimit-remaining": String(Math.max(0, limit - window.used)),
      "x-ratelimit-used": String(window.used),
      "x-ratelimit-reset": String(window.reset),
      "x-ratelimit-resource": "core",
    };
  }
}
