import { invalid } from "./api-error";
import type { SecretApp, SecretScope, VariableScope, Visibility } from "./fixture-types";
import { isValidSecretName } from "./secret-name";

// GitHub's rules for writing a secret or a variable, apart from the store: the store applies them to
// every write, and fixture validation applies the very same ones to the seeds without building a store.

/** GitHub's limit on a secret's or a variable's value: 48 KB. */
export const MAX_VALUE_BYTES = 48 * 1024;

/** The same for every app: GitHub documents these for Actions, Dependabot and Codespaces alike. */
const MAX_SECRETS: Record<SecretScope, number> = { org: 1000, repo: 100, environment: 100, user: 100 };

const MAX_VARIABLES: Record<VariableScope, number> = { org: 1000, repo: 500, environment: 100 };

const HOLDER_NOUN: Record<SecretScope, string> = {
  org: "organization",
  repo: "repository",
  environment: "environment",
  user: "user",
};

/** The scopes each app has secrets in: environments are Actions' only, users Codespaces' only. */
const APP_SCOPES: Record<SecretApp, readonly SecretScope[]> = {
  actions: ["org", "repo", "environment"],
  dependabot: ["org", "repo"],
  codespaces: ["org", "repo", "user"],
};

/** What {@link checkSecretWrite} reads of a secret's holder. */
export interface SecretCount {
  /** Which limit applies. */
  scope: SecretScope;
  /** The secrets it holds, by upper-cased name. */
  secrets: ReadonlyMap<string, unknown>;
}

/** What {@link checkVariableWrite} reads of a variable's holder. */
export interface VariableCount {
  /** Which limit applies. */
  scope: VariableScope;
  /** The variables it holds, by upper-cased name. */
  variables: ReadonlyMap<string, unknown>;
}

/** Refuses (422) a seed of an app in a scope the app has no secrets in (Dependabot environments, say). */
export function checkAppScope(app: SecretApp, scope: SecretScope): void {
  if (!APP_SCOPES[app].includes(scope))
    throw invalid(`${JSON.stringify(app)} secrets have no ${JSON.stringify(scope)} scope`);
}

/**
 * Refuses (422) a write GitHub refuses: an invalid name, a value over 48 KB, or a new secret in a
 * holder already at its scope's limit. Updating an existing secret never counts against the limit.
 */
export function checkSecretWrite(holder: SecretCount, name: string, value: Buffer): void {
  if (!isValidSecretName(name)) throw invalid("Failed to add secret. Name is invalid");
  if (value.length > MAX_VALUE_BYTES) {
    throw invalid(
      `Failed to add secret. The secret value is ${value.length} bytes; the maximum is ${MAX_VALUE_BYTES} bytes (48 KB).`,
    );
  }
  if (!holder.secrets.has(name.toUpperCase()) && holder.secrets.size >= MAX_SECRETS[holder.scope]) {
    throw invalid(
      `Failed to add secret. The ${HOLDER_NOUN[holder.scope]} already has the maximum of ${MAX_SECRETS[holder.scope]} secrets.`,
    );
  }
}

/**
 * The same for a variable: the secret-name rules, 48 KB, and 1,000 per organization, 500 per repository,
 * 100 per environment. `previousName` is the name a renaming write replaces, which frees its place.
 */
export function checkVariableWrite(holder: VariableCount, name: string, value: string, previousName?: string): void {
  if (!isValidSecretName(name)) throw invalid("Failed to add variable. Name is invalid");
  const bytes = Buffer.byteLength(value, "utf8");
  if (bytes > MAX_VALUE_BYTES) {
    throw invalid(
      `Failed to add variable. The variable value is ${bytes} bytes; the maximum is ${MAX_VALUE_BYTES} bytes (48 KB).`,
    );
  }
  const key = name.toUpperCase();
  const replaces = holder.variables.has(key) || previousName !== undefined;
  if (!replaces && holder.variables.size >= MAX_VARIABLES[holder.scope]) {
    throw invalid(
      `Failed to add variable. The ${HOLDER_NOUN[holder.scope]} already has the maximum of ${MAX_VARIABLES[holder.scope]} variables.`,
    );
  }
}

/** Refuses (422) repository ids given with a visibility other than `selected`; an empty list passes, as on GitHub. */
export function checkSelectionAllowed(
  visibility: Visibility,
  selectedRepositoryIds: readonly number[] | undefined,
): void {
  if (visibility !== "selected" && selectedRepositoryIds !== undefined && selectedRepositoryIds.length > 0) {
    throw invalid(
      "Invalid request.\n\nYou can only provide a list of repository ids when the visibility is set to selected.",
    );
  }
}

/** Refuses (422) ids that are not among `own`, the ids of the repositories of the organization `login`. */
export function checkOrgRepositoryIds(login: string, own: ReadonlySet<number>, ids: readonly number[]): void {
  const unknown = ids.filter((id) => !own.has(id));
  if (unknown.length > 0) {
    throw invalid(`Invalid request.\n\nNo repository with id ${unknown.join(", ")} in the organization ${login}.`);
  }
}

/** Refuses (422) ids that are not among `known`, the ids of every repository the user may see (the fixture's). */
export function checkUserRepositoryIds(known: ReadonlySet<number>, ids: readonly number[]): void {
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw invalid(`Invalid request.\n\nNo repository with id ${unknown.join(", ")}.`);
}
