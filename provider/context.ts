import { createHash } from "node:crypto";
// Octokit is an ES module: without the attribute, the published declarations of a CommonJS package fail to
// compile for projects on node16/nodenext resolution (TS1541). tests/package/pack.test.ts checks it.
import type { Octokit } from "@octokit/rest" with { "resolution-mode": "import" };
import { createClient } from "./client";
import { DeclaredSecrets } from "./declared-secrets";
import { GitHubClock } from "./github-clock";
import { PublicKeyCache } from "./public-key-cache";
import { RepositoryIds } from "./repository-ids";
import { SelectionOwners } from "./selection-owners";
import { ValueVault } from "./value-vault";
import { WrittenThisRun } from "./written-this-run";
import type { ProviderSettings } from "./types";

/** Everything a provider process shares between resources: one client, one key cache, one vault. */
export interface ProviderContext {
  settings: ProviderSettings;
  client: Octokit;
  clock: GitHubClock;
  publicKeys: PublicKeyCache;
  repositoryIds: RepositoryIds;
  selectionOwners: SelectionOwners;
  declaredSecrets: DeclaredSecrets;
  values: ValueVault;
  writtenThisRun: WrittenThisRun;
}

/** A new context: its own client, caches and vault. Tests use it for a clean slate; the package uses `contextFor`. */
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

// One context per settings in a process: the provider's resource kinds, the lookups and import-file all get theirs
// here, so equal settings share one client (one concurrency bound, one rate-limit view) and one key cache.
const contexts = new Map<string, ProviderContext>();

/** The process's context for these settings, made on first use. */
export function contextFor(settings: ProviderSettings): ProviderContext {
  const key = settingsDigest(settings);
  let context = contexts.get(key);
  if (!context) contexts.set(key, (context = createContext(settings)));
  return context;
}

/** Every call that reaches GitHub needs a token or a GitHub App installation; without either, say where they go instead of sending a request. */
export function requireToken(context: ProviderContext, label: string): void {
  if (!context.settings.token && !context.settings.appAuth) {
    throw new Error(
      `${label}: no GitHub token. Set one with \`pulumi config set --secret github:token TOKEN\` or the GITHUB_TOKEN environment variable, or a GitHub App installation with github:appAuth (or GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and GITHUB_APP_PEM_FILE); nothing was sent to GitHub.`,
    );
  }
}

/**
 * A key for the cache of contexts: a digest of the settings, so that no long-lived map key holds a token or a
 * GitHub App's private key as a string that could reach a log or a heap dump's strings.
 */
function settingsDigest(settings: ProviderSettings): string {
  return createHash("sha256").update(JSON.stringify(settings)).digest("hex");
}
