import type { ProviderSettings } from "./types";

export const DEFAULT_BASE_URL = "https://api.github.com";

/** The stack config as the dynamic-provider host hands it to configure(). */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/**
 * Reads the provider's settings with the key names pulumi-github uses (`github:token`,
 * `github:baseUrl`), falling back to the environment a pipeline already sets. Read when the
 * provider runs, so neither the token nor the URL is ever captured into the serialized closure.
 */
export function readSettings(config?: ConfigSource, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const token = config?.get("github:token") || env.GITHUB_TOKEN || undefined;
  const baseUrl = config?.get("github:baseUrl") || env.GITHUB_API_URL || DEFAULT_BASE_URL;
  return { token, baseUrl: baseUrl.replace(/\/+$/, "") };
}
