import { createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { checkSeeds } from "./check-seeds";
import type {
  Fixture,
  FixtureApp,
  FixtureOrg,
  FixtureRepo,
  FixtureToken,
  SecretSeed,
  VariableSeed,
  Visibility,
} from "./fixture-types";

// The types live in their own module so that the store can import them without importing this one;
// they are re-exported here, where the emulator's entry point and its other modules take them from.
export { DEFAULT_USER_LOGIN } from "./fixture-types";
export type {
  Fixture,
  FixtureApp,
  FixtureInstallation,
  FixtureOrg,
  FixtureRepo,
  FixtureToken,
  SecretApp,
  SecretScope,
  SecretSeed,
  TokenAccess,
  VariableScope,
  VariableSeed,
  Visibility,
} from "./fixture-types";

/**
 * What the emulator knows unless told otherwise: organization `octo-org`, repositories
 * `octo-org/hello-world` (id 1296269, public, environments `production` and `prod/eu west`) and
 * `octo-org/spoon-knife` (id 1300192, private), the token `emulator-token` allowed everything and
 * belonging to the user `octocat`, no secrets and no variables.
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
    tokens: [{ token: "emulator-token", access: "write", user: "octocat" }],
    secrets: [],
    variables: [],
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
 * (`repos[1].id must be a positive integer`). The seeded `secrets` and `variables` are then checked
 * against the fixture's own orgs and repositories by the rules the store applies when it seeds them, so
 * a seed naming an unknown repository or an invalid name fails here too, with the store's message.
 */
export function validateFixture(value: unknown, source?: string): Fixture {
  try {
    const root = object(value, "fixture");
    const orgs = array(root, "orgs").map((item, i) => org(item, `orgs[${i}]`));
    const repos = array(root, "repos").map((item, i) => repo(item, `repos[${i}]`));
    const tokens = array(root, "tokens").map((item, i) => token(item, `tokens[${i}]`));
    const secrets =
      root.secrets === undefined
        ? []
        : array(root, "secrets").map((item, i) => validateSecretSeed(item, `secrets[${i}]`));
    const variables =
      root.variables === undefined
        ? []
        : array(root, "variables").map((item, i) => validateVariableSeed(item, `variables[${i}]`));
    const apps = root.apps === undefined ? undefined : array(root, "apps").map((item, i) => app(item, `apps[${i}]`));
    unique(
      orgs.map((o) => o.login.toLowerCase()),
      "orgs",
      "login",
    );
    unique(
      orgs.map((o) => o.id),
      "orgs",
      "id",
    );
    unique(
      repos.map((r) => `${r.owner}/${r.name}`.toLowerCase()),
      "repos",
      "owner/name",
    );
    unique(
      repos.map((r) => r.id),
      "repos",
      "id",
    );
    unique(
      tokens.map((t) => t.token),
      "tokens",
      "token",
    );
    unique(
      (apps ?? []).map((a) => a.id),
      "apps",
      "id",
    );
    unique(
      (apps ?? []).flatMap((a) => a.installations.map((installation) => installation.id)),
      "apps[*].installations",
      "id",
    );
    const fixture: Fixture = { orgs, repos, tokens, secrets, variables, ...(apps && { apps }) };
    checkSeeds(orgs, repos, secrets, variables);
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
  const environments =
    o.environments === undefined
      ? []
      : array(o, "environments", at).map((env, i) => {
          if (typeof env !== "string" || env === "")
            throw new Error(`${at}.environments[${i}] must be a non-empty string`);
          return env;
        });
  unique(
    environments.map((env) => env.toLowerCase()),
    `${at}.environments`,
  );
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
  const result: FixtureToken = { token, access: optionalEnum(o, "access", ["write", "read"], at) ?? "write" };
  if (o.user !== undefined) result.user = name(o, "user", at);
  return result;
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
    return {
      id: positiveInteger(installation, "id", `${at}.installations[${i}]`),
      access: optionalEnum(installation, "access", ["write", "read"], `${at}.installations[${i}]`) ?? "write",
    };
  });
  const result: FixtureApp = { id: positiveInteger(o, "id", at), publicKey, installations };
  if (o.clientId !== undefined) result.clientId = string(o, "clientId", at);
  if (o.tokenLifetimeSeconds !== undefined)
    result.tokenLifetimeSeconds = positiveInteger(o, "tokenLifetimeSeconds", at);
  return result;
}

/** Checks one {@link SecretSeed}'s shape; `at` names it in the error. */
export function validateSecretSeed(value: unknown, at: string): SecretSeed {
  const o = object(value, at);
  const scope = optionalEnum(o, "scope", ["org", "repo", "environment", "user"], at);
  if (scope === undefined) throw new Error(`${at}.scope must be one of "org", "repo", "environment", "user"`);
  const app = optionalEnum(o, "app", ["actions", "dependabot", "codespaces"], at);
  const result: SecretSeed = { scope, ...(app !== undefined && { app }), ...seedPlace(o, scope, at) };
  if (scope === "user") result.owner = name(o, "owner", at);
  return result;
}

/** Checks one {@link VariableSeed}'s shape; `at` names it in the error. */
export function validateVariableSeed(value: unknown, at: string): VariableSeed {
  const o = object(value, at);
  const scope = optionalEnum(o, "scope", ["org", "repo", "environment"], at);
  if (scope === undefined) throw new Error(`${at}.scope must be one of "org", "repo", "environment"`);
  return { scope, ...seedPlace(o, scope, at) };
}

/** What secret and variable seeds share: where they go, their name and value, and an org's reach. */
function seedPlace(
  o: Record<string, unknown>,
  scope: string,
  at: string,
): Omit<SecretSeed, "scope" | "app"> & { visibility?: Visibility } {
  const result: Omit<SecretSeed, "scope" | "app"> = {
    owner: string(o, "owner", at),
    name: string(o, "name", at),
    value: string(o, "value", at),
  };
  if (scope === "repo" || scope === "environment") result.repository = string(o, "repository", at);
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
  return o[key];
}

/** Logins and repository names become path segments, so they may not contain `/`. */
function name(o: Record<string, unknown>, key: string, at: string): string {
  const value = string(o, key, at);
  if (!/^[A-Za-z0-9._-]+$/.test(value))
    throw new Error(`${at}.${key} must be a login or repository name ([A-Za-z0-9._-]+)`);
  return value;
}

function positiveInteger(o: Record<string, unknown>, key: string, at: string): number {
  const value = o[key];
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1)
    throw new Error(`${at}.${key} must be a positive integer`);
  return value;
}

function optionalBoolean(o: Record<string, unknown>, key: string, at: string): boolean | undefined {
  if (o[key] !== undefined && typeof o[key] !== "boolean") throw new Error(`${at}.${key} must be a boolean`);
  return o[key];
}

function optionalEnum<T extends string>(
  o: Record<string, unknown>,
  key: string,
  allowed: readonly T[],
  at: string,
): T | undefined {
  const value = o[key];
  if (value !== undefined && !allowed.includes(value as T)) {
    throw new Error(`${at}.${key} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }
  return value as T | undefined;
}

function unique(values: unknown[], at: string, key?: string): void {
  const seen = new Set<unknown>();
  values.forEach((value, i) => {
    if (seen.has(value))
      throw new Error(`${at}[${i}]${key ? `.${key}` : ""} duplicates an earlier entry (${String(value)})`);
    seen.add(value);
  });
}
