import { appOf, type Scope } from "../core/scope";

/**
 * Every GitHub API route the provider, the lookups and `import-file` call, in one table (as the
 * emulator has its own in `emulator/api-routes.ts`). Octokit expands each `{param}` with
 * percent-encoding, so a segment such as the environment `prod/eu west` is encoded exactly once.
 */
export const ROUTES = {
  /** Where a scope's secrets live, by application and kind of scope. Dependabot has no environment secrets, only Codespaces has user secrets. */
  secrets: {
    actions: {
      org: "/orgs/{org}/actions/secrets",
      repo: "/repos/{owner}/{repo}/actions/secrets",
      environment: "/repos/{owner}/{repo}/environments/{environment_name}/secrets",
    },
    dependabot: {
      org: "/orgs/{org}/dependabot/secrets",
      repo: "/repos/{owner}/{repo}/dependabot/secrets",
    },
    codespaces: {
      org: "/orgs/{org}/codespaces/secrets",
      repo: "/repos/{owner}/{repo}/codespaces/secrets",
      user: "/user/codespaces/secrets",
    },
  } satisfies Record<string, Partial<Record<Scope["kind"], string>>>,
  /** Where a scope's Actions variables live, by kind of scope (create is a POST here; an item is `/{name}`). */
  variables: {
    org: "/orgs/{org}/actions/variables",
    repo: "/repos/{owner}/{repo}/actions/variables",
    environment: "/repos/{owner}/{repo}/environments/{environment_name}/variables",
  } satisfies Partial<Record<Scope["kind"], string>>,
  repository: "GET /repos/{owner}/{repo}",
  environment: "GET /repos/{owner}/{repo}/environments/{environment_name}",
  /** The organization secrets a repository can read. */
  repositoryOrgSecrets: "GET /repos/{owner}/{repo}/actions/organization-secrets",
  /** The organization variables a repository can read. */
  repositoryOrgVariables: "GET /repos/{owner}/{repo}/actions/organization-variables",
  /**
   * Below a secret's or variable's route (`{item}`): the repositories an organization secret or variable with
   * visibility `selected` is shared with (409 for any other visibility), or those whose codespaces may use a
   * user's Codespaces secret.
   */
  selectedRepositories: {
    list: "GET {item}/repositories",
    set: "PUT {item}/repositories",
    add: "PUT {item}/repositories/{repository_id}",
    remove: "DELETE {item}/repositories/{repository_id}",
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
    case "user":
      return {};
  }
}

/** The route of a scope's secrets; the resource kinds only build scopes that their application has. */
function secretsPath(scope: Scope): string {
  const path = (ROUTES.secrets[appOf(scope)] as Partial<Record<Scope["kind"], string>>)[scope.kind];
  if (path === undefined) throw new Error(`GitHub has no ${appOf(scope)} secrets for a scope of kind ${scope.kind}`);
  return path;
}

export function publicKeyRoute(scope: Scope): Route {
  return { route: `GET ${secretsPath(scope)}/public-key`, params: scopeParams(scope) };
}

export function listSecretsRoute(scope: Scope): Route {
  return { route: `GET ${secretsPath(scope)}`, params: scopeParams(scope) };
}

/** A secret's own path and parameters, without a method: `secretRoute` adds one, `selectedRepositoriesRoute` a suffix. */
export function secretPath(scope: Scope, secretName: string): Route {
  return { route: `${secretsPath(scope)}/{secret_name}`, params: { ...scopeParams(scope), secret_name: secretName } };
}

export function secretRoute(method: "GET" | "PUT" | "DELETE", scope: Scope, secretName: string): Route {
  const { route, params } = secretPath(scope, secretName);
  return { route: `${method} ${route}`, params };
}

/** One of the selected-repository routes below an item's path (`secretPath`, or a variable's). */
export function selectedRepositoriesRoute(which: keyof typeof ROUTES.selectedRepositories, item: Route): Route {
  return { route: ROUTES.selectedRepositories[which].replace("{item}", item.route), params: item.params };
}

/** The route of a scope's Actions variables (organizations, repositories and environments have them). */
function variablesPath(scope: Scope): string {
  const path = (ROUTES.variables as Partial<Record<Scope["kind"], string>>)[scope.kind];
  if (path === undefined) throw new Error(`GitHub has no Actions variables for a scope of kind ${scope.kind}`);
  return path;
}

/** A scope's variables: GET lists them, POST creates one. */
export function variablesRoute(method: "GET" | "POST", scope: Scope): Route {
  return { route: `${method} ${variablesPath(scope)}`, params: scopeParams(scope) };
}

/** A variable's own path and parameters, without a method: `variableRoute` adds one, `selectedRepositoriesRoute` a suffix. */
export function variablePath(scope: Scope, name: string): Route {
  return { route: `${variablesPath(scope)}/{name}`, params: { ...scopeParams(scope), name } };
}

export function variableRoute(method: "GET" | "PATCH" | "DELETE", scope: Scope, name: string): Route {
  const { route, params } = variablePath(scope, name);
  return { route: `${method} ${route}`, params };
}
