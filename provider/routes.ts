import type { Scope } from "../core/scope";

/**
 * Every GitHub API route the provider, the lookups and `import-file` call, in one table (as the
 * emulator has its own in `emulator/api-routes.ts`). Octokit expands each `{param}` with
 * percent-encoding, so a segment such as the environment `prod/eu west` is encoded exactly once.
 */
export const ROUTES = {
  /** Where a scope's secrets live, by kind of scope. */
  secrets: {
    org: "/orgs/{org}/actions/secrets",
    repo: "/repos/{owner}/{repo}/actions/secrets",
    environment: "/repos/{owner}/{repo}/environments/{environment_name}/secrets",
  } satisfies Record<Scope["kind"], string>,
  repository: "GET /repos/{owner}/{repo}",
  environment: "GET /repos/{owner}/{repo}/environments/{environment_name}",
  /** The organization secrets a repository can read. */
  repositoryOrgSecrets: "GET /repos/{owner}/{repo}/actions/organization-secrets",
  /** The repositories an organization secret with visibility `selected` is shared with (409 for any other visibility). */
  selectedRepositories: {
    list: "GET /orgs/{org}/actions/secrets/{secret_name}/repositories",
    set: "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories",
    add: "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}",
    remove: "DELETE /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}",
  },
} as const;

/** A route and the parameters that fill it in. */
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
  return { route: `GET ${ROUTES.secrets[scope.kind]}/public-key`, params: scopeParams(scope) };
}

export function listSecretsRoute(scope: Scope): Route {
  return { route: `GET ${ROUTES.secrets[scope.kind]}`, params: scopeParams(scope) };
}

export function secretRoute(method: "GET" | "PUT" | "DELETE", scope: Scope, secretName: string): Route {
  return {
    route: `${method} ${ROUTES.secrets[scope.kind]}/{secret_name}`,
    params: { ...scopeParams(scope), secret_name: secretName },
  };
}
