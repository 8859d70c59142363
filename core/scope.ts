/** Where a secret lives. GitHub has three scopes, each with its own public key. */
export type Scope =
  | { kind: "org"; org: string }
  | { kind: "repo"; owner: string; repository: string }
  | { kind: "environment"; owner: string; repository: string; environment: string };

/** A key for caches: owner, org and repository names are case-insensitive on GitHub. */
export function scopeKey(scope: Scope): string {
  switch (scope.kind) {
    case "org":
      return `org:${scope.org.toLowerCase()}`;
    case "repo":
      return `repo:${scope.owner.toLowerCase()}/${scope.repository.toLowerCase()}`;
    case "environment":
      return `environment:${scope.owner.toLowerCase()}/${scope.repository.toLowerCase()}/${scope.environment}`;
  }
}

/**
 * The resource ID and import ID: `ORG/SECRET`, `OWNER/REPO/SECRET` or
 * `OWNER/REPO/ENVIRONMENT/SECRET`, the environment percent-encoded so that a `/` in it
 * cannot be mistaken for a separator. Names are upper-cased as GitHub stores them.
 */
export function secretId(scope: Scope, secretName: string): string {
  const name = secretName.toUpperCase();
  switch (scope.kind) {
    case "org":
      return `${scope.org}/${name}`;
    case "repo":
      return `${scope.owner}/${scope.repository}/${name}`;
    case "environment":
      return `${scope.owner}/${scope.repository}/${encodeURIComponent(scope.environment)}/${name}`;
  }
}

/** How errors name a scope. */
export function describeScope(scope: Scope): string {
  switch (scope.kind) {
    case "org":
      return `the organization ${scope.org}`;
    case "repo":
      return `the repository ${scope.owner}/${scope.repository}`;
    case "environment":
      return `the environment "${scope.environment}" of ${scope.owner}/${scope.repository}`;
  }
}

/** How errors name a secret: the same text as its ID, but with the environment readable. */
export function describeSecret(scope: Scope, secretName: string): string {
  if (scope.kind === "environment") {
    return `${scope.owner}/${scope.repository} environment "${scope.environment}" secret ${secretName}`;
  }
  return secretId(scope, secretName);
}
