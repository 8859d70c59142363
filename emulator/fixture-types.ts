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
 *   "tokens": [{ "token": "emulator-token", "access": "write" }],
 *   "secrets": [{ "scope": "repo", "owner": "octo-org", "repository": "hello-world",
 *                 "name": "API_KEY", "value": "plaintext" }]
 * }
 * ```
 *
 * - `orgs`: organizations, each with its own secrets. Logins are unique, case-insensitively.
 * - `repos`: repositories; `owner` is an org login (then org secrets can be shared with the
 *   repository) or any user login. `private` defaults to false; ids are unique.
 *   `environments` are plain names (they may contain `/`, spaces, `%`...).
 * - `tokens`: accepted tokens. `access` defaults to `"write"`; a `"read"` token gets 403 on writes.
 * - `secrets` (optional): secrets present from the start, with plaintext values; see {@link SecretSeed}.
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

/** A token the emulator's API accepts, as `Bearer` or `token` authorization. */
export interface FixtureToken {
  /** The token itself, unique. */
  token: string;
  /** `write` by default. */
  access?: TokenAccess;
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

/** Where a secret lives: an organization, a repository, or a repository's deployment environment. */
export type SecretScope = "org" | "repo" | "environment";

/** Which repositories can read an organization secret. */
export type Visibility = "all" | "private" | "selected";

/**
 * A secret with its plaintext value, as seeded by a fixture or written out of band
 * through `POST /_emulator/secrets`. `owner` is the org login for `scope: "org"`;
 * `repository` is required for `repo` and `environment`, `environment` for `environment`.
 * `visibility` and `selected_repository_ids` apply to org secrets only: a new org secret
 * defaults to `private`, an existing one keeps its visibility and selection when they are omitted.
 */
export interface SecretSeed {
  /** Where the secret lives. */
  scope: SecretScope;
  /** The organization's login, or the repository's owner. */
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
  /** Organization secrets of visibility `selected` only: the repositories' ids. */
  selected_repository_ids?: number[];
}
