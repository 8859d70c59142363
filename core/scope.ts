/** An application whose secrets GitHub keeps apart from the others', with public keys of its own. */
export type SecretApp = "actions" | "dependabot" | "codespaces";

/** Every application, in the order errors list them. */
export const SECRET_APPS: readonly SecretApp[] = ["actions", "dependabot", "codespaces"];

/** How errors and documents name an application. */
export const APP_NAMES: Record<SecretApp, string> = {
  actions: "Actions",
  dependabot: "Dependabot",
  codespaces: "Codespaces",
};

/**
 * Where a secret lives. Actions secrets live in an organization, a repository or an environment; Dependabot
 * secrets in the first two; Codespaces secrets in the first two and in the authenticated user's own scope. Each
 * scope has its own public key per application. `app` left out is `actions`.
 */
export type Scope = (
  | { kind: "org"; org: string }
  | { kind: "repo"; owner: string; repository: string }
  | { kind: "environment"; owner: string; repository: string; environment: string }
  | { kind: "user" }
) & { app?: SecretApp };

/** The scope's application: Actions unless it says otherwise (the user scope is Codespaces'). */
export function appOf(scope: Scope): SecretApp {
  return scope.app ?? (scope.kind === "user" ? "codespaces" : "actions");
}

/** A key for caches: owner, org and repository names are case-insensitive on GitHub. */
export function scopeKey(scope: Scope): string {
  const app = appOf(scope);
  switch (scope.kind) {
    case "org":
      return `${app}:org:${scope.org.toLowerCase()}`;
    case "repo":
      return `${app}:repo:${scope.owner.toLowerCase()}/${scope.repository.toLowerCase()}`;
    case "environment":
      return `${app}:environment:${scope.owner.toLowerCase()}/${scope.repository.toLowerCase()}/${scope.environment}`;
    case "user":
      return `${app}:user`;
  }
}

/**
 * The resource ID and import ID: `ORG/SECRET`, `OWNER/REPO/SECRET`, `OWNER/REPO/ENVIRONMENT/SECRET` or, for the
 * user's own Codespaces secrets, `SECRET`; the environment percent-encoded so that a `/` in it cannot be mistaken
 * for a separator. Names are upper-cased as GitHub stores them. The application is not part of it: the resource's
 * type says it.
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
    case "user":
      return name;
  }
}

/** A secret's identity within a process, the application included (case-insensitive, as GitHub's names are). */
export function secretKey(scope: Scope, secretName: string): string {
  return `${appOf(scope)}:${secretId(scope, secretName)}`.toLowerCase();
}

/** How errors name a scope. */
export function describeScope(scope: Scope): string {
  const app = appOf(scope);
  const of = app === "actions" ? "" : ` (its ${APP_NAMES[app]} secrets)`;
  switch (scope.kind) {
    case "org":
      return `the organization ${scope.org}${of}`;
    case "repo":
      return `the repository ${scope.owner}/${scope.repository}${of}`;
    case "environment":
      return `the environment "${scope.environment}" of ${scope.owner}/${scope.repository}${of}`;
    case "user":
      return `the authenticated user's ${APP_NAMES[app]} secrets`;
  }
}

/** How errors name a secret: the same text as its ID, but with the environment readable. */
export function describeSecret(scope: Scope, secretName: string): string {
  if (scope.kind === "environment") {
    return `${scope.owner}/${scope.repository} environment "${scope.environment}" secret ${secretName}`;
  }
  return secretId(scope, secretName);
}
