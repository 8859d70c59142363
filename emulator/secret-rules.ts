import { invalid } from "./api-error";
import type { SecretScope, Visibility } from "./fixture-types";
import { isValidSecretName } from "./secret-name";

// GitHub's rules for writing a secret, apart from the store: the store applies them to every write,
// and fixture validation applies the very same ones to the seeds without building a store.

/** GitHub's limit on a secret's value: 48 KB. */
export const MAX_VALUE_BYTES = 48 * 1024;

const MAX_SECRETS: Record<SecretScope, number> = { org: 1000, repo: 100, environment: 100 };

const HOLDER_NOUN: Record<SecretScope, string> = {
  org: "organization",
  repo: "repository",
  environment: "environment",
};

/** What {@link checkSecretWrite} reads of a secret's holder. */
export interface SecretCount {
  /** Which limit applies. */
  scope: SecretScope;
  /** The secrets it holds, by upper-cased name. */
  secrets: ReadonlyMap<string, unknown>;
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
