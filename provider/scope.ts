import type { Scope } from "./types";

// Octokit expands each `{param}` of a route with percent-encoding, so a segment such as the
// environment `prod/eu west` is encoded exactly once, here and nowhere else.
const SECRETS_ROUTE: Record<Scope["kind"], string> = {
  org: "/orgs/{org}/actions/secrets",
  repo: "/repos/{owner}/{repo}/actions/secrets",
  environment: "/repos/{owner}/{repo}/environments/{environment_name}/secrets",
};

export interface Route {
  route: string;
  params: Record<string, string>;
}

function scopeParams(scope: Scope): Record<string, string> {
  switch (scope.kind) {
    case "org":
      return { org: scope.org };
    case "repo":
      return { owner: scope.owner, repo: scope.repository };
    case "environment":
      return { owner: scope.owner, repo: scope.repository, environment_name: scope.environment };
  }
}

export function publicKeyRoute(scope: Scope): Route {
  return { route: `GET ${SECRETS_ROUTE[scope.kind]}/public-key`, params: scopeParams(scope) };
}

export function listSecretsRoute(scope: Scope): Route {
  return { route: `GET ${SECRETS_ROUTE[scope.kind]}`, params: scopeParams(scope) };
}

export function secretRoute(method: "GET" | "PUT" | "DELETE", scope: Scope, secretName: string): Route {
  return {
    route: `${method} ${SECRETS_ROUTE[scope.kind]}/{secret_name}`,
    params: { ...scopeParams(scope), secret_name: secretName },
  };
}

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
