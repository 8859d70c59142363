import { createHash } from "node:crypto";
import { createClient } from "./client";
import { DeclaredSecrets } from "./declared-secrets";
import { GitHubClock } from "./github-clock";
import { PublicKeyCache } from "./public-key-cache";
import { RepositoryIds } from "./repository-ids";
import { SelectionOwners } from "./selection-owners";
import { ValueVault } from "./value-vault";
import { WrittenThisRun } from "./written-this-run";
import type { ProviderContext, ProviderSettings } from "./types";

export function createContext(settings: ProviderSettings): ProviderContext {
  const clock = new GitHubClock();
  const client = createClient(settings, clock);
  return {
    settings,
    client,
    clock,
    publicKeys: new PublicKeyCache(client),
    repositoryIds: new RepositoryIds(client),
    selectionOwners: new SelectionOwners(),
    declaredSecrets: new DeclaredSecrets(),
    values: new ValueVault(),
    writtenThisRun: new WrittenThisRun(),
  };
}

/** Every call that reaches GitHub needs a token or a GitHub App installation; without either, say where they go instead of sending a request. */
export function requireToken(context: ProviderContext, label: string): void {
  if (!context.settings.token && !context.settings.appAuth) {
    throw new Error(`${label}: no GitHub token. Set one with \`pulumi config set --secret github:token TOKEN\` or the GITHUB_TOKEN environment variable, or a GitHub App installation with github:appAuth (or GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and GITHUB_APP_PEM_FILE); nothing was sent to GitHub.`);
  }
}

/**
 * A key for a cache of contexts: a digest of the settings, so that no long-lived map key holds a
 * token or a GitHub App's private key as a string that could reach a log or a heap dump's strings.
 */
export function settingsDigest(settings: ProviderSettings): string {
  return createHash("sha256").update(JSON.stringify(settings)).digest("hex");
}
