import { readAppAuth } from "./read-app-auth";
import type { ProviderSettings } from "./types";

export const DEFAULT_BASE_URL = "https://api.github.com";

export const SETTING_DEFAULTS = {
  /** Requests in flight at once from one provider process; GitHub allows about 100. */
  maxConcurrency: 10,
  /** GitHub's secondary limit: 900 points a minute, a write costing 5 and a read 1. */
  pointsPerMinute: 900,
  minuteMs: 60_000,
};

/** The stack config as the dynamic-provider host hands it to configure(). */
export interface ConfigSource {
  get(key: string): string | undefined;
}

function whole(key: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${key} is "${text}"; give a whole number from ${min} to ${max} (default ${fallback}).`);
  }
  return value;
}

/**
 * A token or a GitHub App installation, never both: the stack config before the environment, and
 * within either the app before the token (pulumi-github, too, lets `appAuth` win). Both in the
 * stack config is refused, as a leftover of a switch from one to the other would otherwise pass
 * unnoticed.
 */
function readCredentials(config: ConfigSource | undefined, env: NodeJS.ProcessEnv): Pick<ProviderSettings, "token" | "appAuth"> {
  const configuredToken = config?.get("github:token") || undefined;
  const configuredApp = config?.get("github:appAuth") || undefined;
  if (configuredToken && configuredApp) {
    throw new Error("The stack config sets both github:token and github:appAuth; keep one (`pulumi config rm github:token` to authenticate as the GitHub App). Nothing was sent to GitHub.");
  }
  if (configuredToken) return { token: configuredToken };
  const appAuth = readAppAuth(configuredApp, env);
  return appAuth ? { appAuth } : { token: env.GITHUB_TOKEN || undefined };
}

/**
 * Reads the provider's settings with the key names pulumi-github uses (`github:token`,
 * `github:appAuth`, `github:baseUrl`), falling back to the environment a pipeline already sets.
 * Read when the provider runs, so no credential and no URL is ever captured into the serialized
 * closure.
 */
export function readSettings(config?: ConfigSource, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const get = (key: string, variable: string) => config?.get(`github:${key}`) || env[variable] || undefined;
  const baseUrl = get("baseUrl", "GITHUB_API_URL") ?? DEFAULT_BASE_URL;
  return {
    ...readCredentials(config, env),
    baseUrl: baseUrl.replace(/\/+$/, ""),
    maxConcurrency: whole("github:maxConcurrency", get("maxConcurrency", "GITHUB_SECRETS_MAX_CONCURRENCY"), SETTING_DEFAULTS.maxConcurrency, 1, 100),
    pointsPerMinute: whole("github:pointsPerMinute", get("pointsPerMinute", "GITHUB_SECRETS_POINTS_PER_MINUTE"), SETTING_DEFAULTS.pointsPerMinute, 0, 1_000_000),
    minuteMs: whole("github:rateLimitMinuteMs", get("rateLimitMinuteMs", "GITHUB_SECRETS_RATE_LIMIT_MINUTE_MS"), SETTING_DEFAULTS.minuteMs, 100, 3_600_000),
  };
}
