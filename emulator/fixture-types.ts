// The fixture's data types, apart from the code that reads and checks fixtures: the store and the
// app installations are built from these types, and fixture validation shares the store's seed
// rules, so the types must sit where importing them never brings either side into a loop.

/**
 * What the emulator starts from, and what `POST /_emulator/reset` returns it to.
 *
 * ```json
 * {
 *   "orgs":   [{ "login": "octo-org", "id": 9919 }],
 *   "repos":  [{ "owner": "octo-org", "name": "hello-world", "id": 1296269,
 *                "private": false, "environments": ["production", "prod/eu west"] }],
 *   "tokens": [{ "token": "emulator-token", "access": "write", "user": "octocat" }],
 *   "secrets": [{ "scope": "repo", "owner": "octo-org", "repository": "hello-world",
 *                 "name": "API_KEY", "value": "plaintext" },
 *               { "scope": "repo", "app": "dependabot", "owner": "octo-org", "repository": "hello-world",
 *                 "name": "API_KEY", "value": "plaintext" }],
 *   "variables": [{ "scope": "org", "owner": "octo-org", "name": "REGION", "value": "eu-west-1",
 *                   "visibility": "all" }]
 * }
 * ```
 *
 * - `orgs`: organizations, each with its own secrets. Logins are unique, case-insensitively.
 * - `repos`: repositories; `owner` is an org login (then org secrets can be shared with the
 *   repository) or any user login. `private` defaults to false; ids are unique.
 *   `environments` are plain names (they may contain `/`, spaces, `%`...).
 * - `tokens`: accepted tokens. `access` defaults to `"write"`; a `"read"` token gets 403 on writes.
 *   `user` is the login the token acts for under `/user/...` (its Codespaces secrets); it defaults to
 *   {@link DEFAULT_USER_LOGIN} (`octocat`).
 * - `secrets` (optional): secrets present from the start, with plaintext values, of any app (Actions,
 *   Dependabot, Codespaces); see {@link SecretSeed}.
 * - `variables` (optional): Actions variables present from the start; see {@link VariableSeed}.
 * - `apps` (optional): GitHub Apps that can get installation tokens; see {@link FixtureApp}.
 */
export interface Fixture {
  /** The organizations. */
  orgs: FixtureOrg[];
  /** The repositories, of organizations or of users. */
  repos: FixtureRepo[];
  /** The tokens the API accepts. */
  tokens: FixtureToken[];
  /** Secrets present from the start. */
  secrets?: SecretSeed[];
  /** Actions variables present from the start. */
  variables?: VariableSeed[];
  /** GitHub Apps whose installations can get tokens. */
  apps?: FixtureApp[];
}

/** An organization of the fixture. */
export interface FixtureOrg {
  /** Its login, unique case-insensitively. */
  login: string;
  /** Its numeric id, unique. */
  id: number;
}

/** A repository of the fixture. */
export interface FixtureRepo {
  /** An organization's login (its secrets can then be shared with the repository), or any user's. */
  owner: string;
  /** The repository's name, unique per owner case-insensitively. */
  name: string;
  /** Its numeric id, unique. */
  id: number;
  /** False by default. */
  private?: boolean;
  /** Its deployment environments, by plain name (`/`, spaces and `%` allowed). */
  environments?: string[];
}

/** What a token may do: `read` gets 403 on every write. */
export type TokenAccess = "write" | "read";

/** The login a fixture token without `user` acts for: `octocat`. */
export const DEFAULT_USER_LOGIN = "octocat";

/**
 * A token the emulator's API accepts, as `Bearer` or `token` authorization. It acts for the user `user`
 * (or {@link DEFAULT_USER_LOGIN}) under `/user/...`; several tokens may act for the same user. Installation
 * tokens act for no user: `/user/codespaces/...` answers them 403, as GitHub does.
 */
export interface FixtureToken {
  /** The token itself, unique. */
  token: string;
  /** `write` by default. */
  access?: TokenAccess;
  /** The login of the user the token belongs to; {@link DEFAULT_USER_LOGIN} (`octocat`) by default. */
  user?: string;
}

/**
 * A GitHub App: `POST /app/installations/{installation_id}/access_tokens` with a JWT signed (RS256)
 * by the private half of `publicKey` and `iss` = `id` (or `clientId`) issues an installation token,
 * which the API then accepts like a fixture token, with the installation's `access`, until it expires.
 */
export interface FixtureApp {
  /** The app's id, unique among the apps. */
  id: number;
  /** Also accepted as a JWT's `iss`, as GitHub accepts an app's client ID (`Iv23li...`). */
  clientId?: string;
  /** PEM (SPKI or PKCS#1) of the app's RSA key; a private key PEM works too, its public half is used. */
  publicKey: string;
  /** Installation ids are unique across all apps. */
  installations: FixtureInstallation[];
  /** How long its installation tokens last: 3600 (an hour, as on GitHub) by default. */
  tokenLifetimeSeconds?: number;
}

/** One installation of a {@link FixtureApp}: the `installation_id` its tokens are asked for with. */
export interface FixtureInstallation {
  /** Unique across all apps. */
  id: number;
  /** What its tokens may do; `"write"` by default. */
  access?: TokenAccess;
}

/**
 * Where a secret lives: an organization, a repository, a repository's deployment environment (Actions
 * only), or a user (Codespaces only: `/user/codespaces/secrets`).
 */
export type SecretScope = "org" | "repo" | "environment" | "user";

/** Which GitHub feature a secret belongs to; each has its own secrets and its own key pair in every scope. */
export type SecretApp = "actions" | "dependabot" | "codespaces";

/** Where an Actions variable lives. */
export type VariableScope = "org" | "repo" | "environment";

/** Which repositories can read an organization secret. */
export type Visibility = "all" | "private" | "selected";

/**
 * A secret with its plaintext value, as seeded by a fixture or written out of band
 * through `POST /_emulator/secrets`. `app` defaults to `"actions"`. `owner` is the org login for
 * `scope: "org"` and the user's login for `scope: "user"`; `repository` is required for `repo` and
 * `environment`, `environment` for `environment`. The `environment` scope is Actions' only, the `user`
 * scope Codespaces' only. `visibility` applies to org secrets only: a new org secret defaults to
 * `private`, an existing one keeps its visibility and selection when they are omitted.
 * `selected_repository_ids` applies to org secrets of visibility `selected` (ids of the org's
 * repositories) and to user secrets (ids of any fixture repository; an existing user secret keeps its
 * selection when they are omitted).
 */
export interface SecretSeed {
  /** Where the secret lives. */
  scope: SecretScope;
  /** `"actions"` by default. */
  app?: SecretApp;
  /** The organization's login, the repository's owner, or (scope `user`) the user's login. */
  owner: string;
  /** For `repo` and `environment`: the repository's name. */
  repository?: string;
  /** For `environment`: the environment's name as it reads. */
  environment?: string;
  /** The secret's name (stored upper-cased, as GitHub does). */
  name: string;
  /** The plaintext value. */
  value: string;
  /** Organization secrets only; `private` for a new one. */
  visibility?: Visibility;
  /** Organization secrets of visibility `selected`, and user secrets: the repositories' ids. */
  selected_repository_ids?: number[];
}

/**
 * An Actions variable, as seeded by a fixture or written out of band through `POST /_emulator/variables`
 * (which bumps its `updated_at`, as a change made outside Pulumi would). The fields read as a
 * {@link SecretSeed}'s: `visibility` and `selected_repository_ids` apply to org variables only, a new
 * one defaulting to `private`, an existing one keeping its visibility and selection when they are omitted.
 */
export interface VariableSeed {
  /** Where the variable lives. */
  scope: VariableScope;
  /** The organization's login, or the repository's owner. */
  owner: string;
  /** For `repo` and `environment`: the repository's name. */
  repository?: string;
  /** For `environment`: the environment's name as it reads. */
  environment?: string;
  /** The variable's name (stored upper-cased, as GitHub does). */
  name: string;
  /** The value, in plaintext as GitHub keeps it. */
  value: string;
  /** Organization variables only; `private` for a new one. */
  visibility?: Visibility;
  /** Organization variables of visibility `selected` only: the repositories' ids. */
  selected_repository_ids?: number[];
}
