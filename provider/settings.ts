import { readAppAuth } from "./read-app-auth";
import type { ProviderSettings } from "./types";

export const DEFAULT_BASE_URL = "https://api.github.com";

export const SETTING_DEFAULTS = {
  /** Requests in flight at once from one provider process; GitHub allows about 100. */
  maxConcurrency: 10,
  /** GitHub's secondary limit: 900 points a minute, a write costing 5 and a read 1. */
  pointsPerMinute: 900,
  minuteMs: 60_000,
  /**
   * One request, its answer's last byte included. GitHub ends any request it takes more than 10 s
   * to process, so three times that is a stalled connection, not a slow answer.
   */
  requestTimeoutMs: 30_000,
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
function readCredentials(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv,
): Pick<ProviderSettings, "token" | "appAuth"> {
  const configuredToken = config?.get("github:token") || undefined;
  const configuredApp = config?.get("github:appAuth") || undefined;
  if (configuredToken && configuredApp) {
    throw new Error(
      "The stack config sets both github:token and github:appAuth; keep one (`pulumi config rm github:token` to authenticate as the GitHub App). Nothing was sent to GitHub.",
    );
  }
  if (configuredToken) return { token: configuredToken };
  const appAuth = readAppAuth(configuredApp, env);
  return appAuth ? { appAuth } : { token: env.GITHUB_TOKEN || undefined };
}

/**
 * The API's address, checked as a URL: Octokit would turn a malformed one into a failure of every
 * request (fetch's "Invalid URL", reported as a 500 after retries) without a request leaving the
 * process. Credentials in it would reach error messages, so they are refused too.
 */
function readBaseUrl(text: string, source: string): string {
  const example =
    "e.g. https://github.example.com/api/v3 for GitHub Enterprise Server, or leave it unset for github.com";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `${source} is "${text}", which is not a URL; give the API's address with its scheme, ${example}. Nothing was sent to GitHub.`,
    );
  }
  const problem =
    url.protocol !== "https:" && url.protocol !== "http:"
      ? `has the scheme "${url.protocol}"; give an https:// address`
      : url.username || url.password
        ? "holds credentials; give the address alone and the token as github:token"
        : url.search || url.hash
          ? "has a query or fragment; give the address alone"
          : undefined;
  if (problem) throw new Error(`${source} ${problem}, ${example}. Nothing was sent to GitHub.`);
  return text.replace(/\/+$/, "");
}

/**
 * Reads the provider's settings with the key names pulumi-github uses (`github:token`,
 * `github:appAuth`, `github:baseUrl`), falling back to the environment a pipeline already sets.
 * Read when the provider runs, so no credential and no URL is ever captured into the serialized
 * closure.
 */
export function readSettings(config?: ConfigSource, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const get = (key: string, variable: string) => config?.get(`github:${key}`) || env[variable] || undefined;
  const configuredBaseUrl = config?.get("github:baseUrl") || undefined;
  const baseUrl = configuredBaseUrl
    ? readBaseUrl(configuredBaseUrl, "github:baseUrl")
    : env.GITHUB_API_URL
      ? readBaseUrl(env.GITHUB_API_URL, "GITHUB_API_URL")
      : DEFAULT_BASE_URL;
  return {
    ...readCredentials(config, env),
    baseUrl,
    maxConcurrency: whole(
      "github:maxConcurrency",
      get("maxConcurrency", "GITHUB_SECRETS_MAX_CONCURRENCY"),
      SETTING_DEFAULTS.maxConcurrency,
      1,
      100,
    ),
    pointsPerMinute: whole(
      "github:pointsPerMinute",
      get("pointsPerMinute", "GITHUB_SECRETS_POINTS_PER_MINUTE"),
      SETTING_DEFAULTS.pointsPerMinute,
      0,
      1_000_000,
    ),
    minuteMs: whole(
      "github:rateLimitMinuteMs",
      get("rateLimitMinuteMs", "GITHUB_SECRETS_RATE_LIMIT_MINUTE_MS"),
      SETTING_DEFAULTS.minuteMs,
      100,
      3_600_000,
    ),
    requestTimeoutMs: whole(
      "github:requestTimeoutMs",
      get("requestTimeoutMs", "GITHUB_SECRETS_REQUEST_TIMEOUT_MS"),
      SETTING_DEFAULTS.requestTimeoutMs,
      100,
      600_000,
    ),
  };
}
