import { createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { Store } from "./store";

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

/**
 * What the emulator knows unless told otherwise: organization `octo-org`, repositories
 * `octo-org/hello-world` (id 1296269, public, environments `production` and `prod/eu west`) and
 * `octo-org/spoon-knife` (id 1300192, private), the token `emulator-token` allowed everything, no secrets.
 * A fresh copy each call, so a test may change it.
 */
export function defaultFixture(): Fixture {
  return {
    orgs: [{ login: "octo-org", id: 9919 }],
    repos: [
      {
        owner: "octo-org",
        name: "hello-world",
        id: 1296269,
        private: false,
        environments: ["production", "prod/eu west"],
      },
      { owner: "octo-org", name: "spoon-knife", id: 1300192, private: true },
    ],
    tokens: [{ token: "emulator-token", access: "write" }],
    secrets: [],
  };
}

/** Reads a fixture from a JSON file and checks it; the error names the file and the first bad field. */
export function loadFixture(path: string): Fixture {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`Cannot read fixture ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Fixture ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return validateFixture(value, path);
}

/**
 * Checks the fixture's shape and returns a copy of it; the error names the first bad field
 * (`repos[1].id must be a positive integer`). The seeded `secrets` are checked by seeding a
 * throwaway store, so a seed naming an unknown repository or an invalid name fails here too.
 */
export function validateFixture(value: unknown, source?: string): Fixture {
  try {
    const root = object(value, "fixture");
    const orgs = array(root, "orgs").map((item, i) => org(item, `orgs[${i}]`));
    const repos = array(root, "repos").map((item, i) => repo(item, `repos[${i}]`));
    const tokens = array(root, "tokens").map((item, i) => token(item, `tokens[${i}]`));
    const secrets = root.secrets === undefined ? [] : array(root, "secrets").map((item, i) => validateSecretSeed(item, `secrets[${i}]`));
    const apps = root.apps === undefined ? undefined : array(root, "apps").map((item, i) => app(item, `apps[${i}]`));
    unique(orgs.map((o) => o.login.toLowerCase()), "orgs", "login");
    unique(orgs.map((o) => o.id), "orgs", "id");
    unique(repos.map((r) => `${r.owner}/${r.name}`.toLowerCase()), "repos", "owner/name");
    unique(repos.map((r) => r.id), "repos", "id");
    unique(tokens.map((t) => t.token), "tokens", "token");
    unique((apps ?? []).map((a) => a.id), "apps", "id");
    unique((apps ?? []).flatMap((a) => a.installations.map((installation) => installation.id)), "apps[*].installations", "id");
    const fixture: Fixture = { orgs, repos, tokens, secrets, ...(apps && { apps }) };
    new Store(fixture);
    return fixture;
  } catch (error) {
    throw new Error(`Invalid fixture${source === undefined ? "" : ` ${source}`}: ${(error as Error).message}`);
  }
}

function org(value: unknown, at: string): FixtureOrg {
  const o = object(value, at);
  return { login: name(o, "login", at), id: positiveInteger(o, "id", at) };
}

function repo(value: unknown, at: string): FixtureRepo {
  const o = object(value, at);
  const environments = o.environments === undefined ? [] : array(o, "environments", at).map((env, i) => {
    if (typeof env !== "string" || env === "") throw new Error(`${at}.environments[${i}] must be a non-empty string`);
    return env;
  });
  unique(environments.map((env) => env.toLowerCase()), `${at}.environments`);
  return {
    owner: name(o, "owner", at),
    name: name(o, "name", at),
    id: positiveInteger(o, "id", at),
    private: optionalBoolean(o, "private", at) ?? false,
    environments,
  };
}

function token(value: unknown, at: string): FixtureToken {
  const o = object(value, at);
  const token = string(o, "token", at);
  if (token === "") throw new Error(`${at}.token must not be empty`);
  return { token, access: optionalEnum(o, "access", ["write", "read"], at) ?? "write" };
}

function app(value: unknown, at: string): FixtureApp {
  const o = object(value, at);
  const publicKey = string(o, "publicKey", at);
  let keyType: string | undefined;
  try {
    keyType = createPublicKey(publicKey).asymmetricKeyType;
  } catch {
    throw new Error(`${at}.publicKey must be a PEM public key`);
  }
  if (keyType !== "rsa") throw new Error(`${at}.publicKey must be an RSA key (GitHub Apps sign their JWTs with RS256)`);
  const installations = array(o, "installations", at).map((item, i) => {
    const installation = object(item, `${at}.installations[${i}]`);
    return { id: positiveInteger(installation, "id", `${at}.installations[${i}]`), access: optionalEnum(installation, "access", ["write", "read"], `${at}.installations[${i}]`) ?? "write" };
  });
  const result: FixtureApp = { id: positiveInteger(o, "id", at), publicKey, installations };
  if (o.clientId !== undefined) result.clientId = string(o, "clientId", at);
  if (o.tokenLifetimeSeconds !== undefined) result.tokenLifetimeSeconds = positiveInteger(o, "tokenLifetimeSeconds", at);
  return result;
}

/** Checks one {@link SecretSeed}'s shape; `at` names it in the error. */
export function validateSecretSeed(value: unknown, at: string): SecretSeed {
  const o = object(value, at);
  const scope = optionalEnum(o, "scope", ["org", "repo", "environment"], at);
  if (scope === undefined) throw new Error(`${at}.scope must be one of "org", "repo", "environment"`);
  const result: SecretSeed = { scope, owner: string(o, "owner", at), name: string(o, "name", at), value: string(o, "value", at) };
  if (scope !== "org") result.repository = string(o, "repository", at);
  if (scope === "environment") result.environment = string(o, "environment", at);
  const visibility = optionalEnum(o, "visibility", ["all", "private", "selected"], at);
  if (visibility !== undefined) result.visibility = visibility;
  if (o.selected_repository_ids !== undefined) {
    result.selected_repository_ids = array(o, "selected_repository_ids", at).map((id, i) => {
      if (!Number.isSafeInteger(id)) throw new Error(`${at}.selected_repository_ids[${i}] must be an integer`);
      return id as number;
    });
  }
  return result;
}

function object(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`${at} must be an object`);
  return value as Record<string, unknown>;
}

function array(o: Record<string, unknown>, key: string, at?: string): unknown[] {
  const value = o[key];
  if (!Array.isArray(value)) throw new Error(`${at ? `${at}.` : ""}${key} must be an array`);
  return value;
}

function string(o: Record<string, unknown>, key: string, at: string): string {
  if (typeof o[key] !== "string") throw new Error(`${at}.${key} must be a string`);
  return o[key] as string;
}

/** Logins and repository names become path segments, so they may not contain `/`. */
function name(o: Record<string, unknown>, key: string, at: string): string {
  const value = string(o, key, at);
  if (!/^[A-Za-z0-9._-]+$/.test(value)) throw new Error(`${at}.${key} must be a login or repository name ([A-Za-z0-9._-]+)`);
  return value;
}

function positiveInteger(o: Record<string, unknown>, key: string, at: string): number {
  const value = o[key];
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) throw new Error(`${at}.${key} must be a positive integer`);
  return value;
}

function optionalBoolean(o: Record<string, unknown>, key: string, at: string): boolean | undefined {
  if (o[key] !== undefined && typeof o[key] !== "boolean") throw new Error(`${at}.${key} must be a boolean`);
  return o[key] as boolean | undefined;
}

function optionalEnum<T extends string>(o: Record<string, unknown>, key: string, allowed: readonly T[], at: string): T | undefined {
  const value = o[key];
  if (value !== undefined && !allowed.includes(value as T)) {
    throw new Error(`${at}.${key} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }
  return value as T | undefined;
}

function unique(values: unknown[], at: string, key?: string): void {
  const seen = new Set<unknown>();
  values.forEach((value, i) => {
    if (seen.has(value)) throw new Error(`${at}[${i}]${key ? `.${key}` : ""} duplicates an earlier entry (${String(value)})`);
    seen.add(value);
  });
}
