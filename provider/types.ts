// The provider's types in one place: its settings, and the state each resource kind keeps. Plain data only, so
// that every module may import it.
import type { DriftPolicy } from "../core/drift-policy";
import type { Visibility } from "../core/lookup-results";
import type { RepositoryRef } from "../core/repository-ref";

/** A value in Pulumi's secret wire form (`4dabf…`: the secret signature), as check() returns one for the engine to encrypt. */
export interface WireSecret {
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270";
  value: string;
}

/** How the provider reaches GitHub. Read from the stack config at call time, never serialized. */
export interface ProviderSettings {
  /** At most one of `token` and `appAuth` is set (readSettings decides which). */
  token?: string;
  appAuth?: AppAuthSettings;
  baseUrl: string;
  /** Requests in flight at once, across every resource of a provider process. */
  maxConcurrency: number;
  /** The secondary-limit budget the client paces itself to (0: no pacing), per `minuteMs`. */
  pointsPerMinute: number;
  minuteMs: number;
  /** How long one request may take, its whole answer included, before it counts as a network failure. */
  requestTimeoutMs: number;
}

/** A GitHub App installation to authenticate as: installation tokens are got, and renewed, with a JWT signed by the app's key. */
export interface AppAuthSettings {
  /** The app's id (digits) or its client ID: the JWT's `iss`. */
  appId: string;
  installationId: number;
  /** PKCS#8 PEM, whatever form it was given in. */
  privateKey: string;
}

// The state's shapes are type aliases, not interfaces: an alias of an object type may be passed where any record of
// fields is taken (check's olds), which an interface may not.

/** Inputs as the engine hands them to check(): whatever the program declared, not yet checked. */
export type RawInputs = Readonly<Record<string, unknown>>;

/**
 * The checked inputs every secret with a value keeps: never the value, only its salted fingerprint.
 * During a preview a field may hold Pulumi's unknown sentinel (a string) instead.
 */
export type ValueSecretInputs = {
  secretName: string;
  valueFingerprint: string;
  /** The fingerprint's salt: a Pulumi secret from check(), plain when the engine hands it back. */
  valueSalt?: WireSecret | string;
  /** The key a value the user sealed was sealed for. */
  keyId?: string;
  onDrift: DriftPolicy;
  /** The `import` resource option, which the SDK hands over as an input. */
  importId?: string;
};

/** What GitHub and Pulumi's own writes add to a secret's inputs in its outputs. */
export type ValueSecretOutputs = {
  /** GitHub's created_at; unknown for an adopted secret until a refresh. */
  createdAt?: string;
  /** GitHub's updated_at as last seen. */
  updatedAt?: string;
  /** When Pulumi last wrote the secret, by GitHub's clock: the baseline for drift. */
  writtenAt?: string;
  /** What a refresh found changed outside Pulumi. */
  drift?: string;
};

export type RepoSecretInputs = ValueSecretInputs & {
  owner: string;
  repository: string;
};

export type EnvSecretInputs = RepoSecretInputs & {
  environment: string;
};

export type OrgSecretInputs = ValueSecretInputs & {
  org: string;
  visibility: Visibility;
  /** Ids and lower-cased `owner/name`s; only with visibility `selected`. */
  selectedRepositories?: RepositoryRef[];
};

export type OrgSecretOutputs = ValueSecretOutputs & {
  /** The ids written, sorted. */
  selectedRepositoryIds?: number[];
  /** The ids that names resolved to when written, so a later rename of a repository is no change. */
  repositoryIdsByName?: Record<string, number>;
};

/** A repository selection's inputs: the organization, the item's name (`secretName` or `variableName`), the list. */
export type RepoSelectionInputs<Name extends string = "secretName"> = {
  org: string;
  repositories: RepositoryRef[];
  onDrift: DriftPolicy;
} & Record<Name, string>;

export type RepoSelectionOutputs = {
  repositoryIds: number[];
  repositoryIdsByName: Record<string, number>;
  drift?: string;
};

export type UserSecretInputs = ValueSecretInputs & {
  /** Ids and lower-cased `owner/name`s: the repositories whose codespaces may use the secret. */
  selectedRepositories: RepositoryRef[];
};

export type UserSecretOutputs = ValueSecretOutputs & {
  /** The ids written, sorted. */
  selectedRepositoryIds?: number[];
  /** The ids that names resolved to when written, so a later rename of a repository is no change. */
  repositoryIdsByName?: Record<string, number>;
};

/**
 * The checked inputs every Actions variable keeps. Unlike a secret's, a variable's value is plaintext on GitHub
 * (GET returns it), so the state keeps it; given as a Pulumi secret, the engine keeps it a secret (it re-marks a
 * provider's answers by input name). During a preview a field may hold Pulumi's unknown sentinel instead.
 */
export type VariableInputs = {
  variableName: string;
  value: string;
  onDrift: DriftPolicy;
  /** The `import` resource option, which the SDK hands over as an input. */
  importId?: string;
};

/** What GitHub and Pulumi's own writes add to a variable's inputs in its outputs. */
export type VariableOutputs = {
  /** GitHub's created_at; for a created variable, the time of GitHub's answer to the POST. */
  createdAt?: string;
  /** GitHub's updated_at as last seen. */
  updatedAt?: string;
  /** When Pulumi last wrote the variable, by GitHub's clock. */
  writtenAt?: string;
  /** What a refresh found changed outside Pulumi (never the value itself). */
  drift?: string;
};

export type RepoVariableInputs = VariableInputs & {
  owner: string;
  repository: string;
};

export type EnvVariableInputs = RepoVariableInputs & {
  environment: string;
};

export type OrgVariableInputs = VariableInputs & {
  org: string;
  visibility: Visibility;
  /** Ids and lower-cased `owner/name`s; only with visibility `selected`. */
  selectedRepositories?: RepositoryRef[];
};

export type OrgVariableOutputs = VariableOutputs & {
  /** The ids written, sorted. */
  selectedRepositoryIds?: number[];
  /** The ids that names resolved to when written, so a later rename of a repository is no change. */
  repositoryIdsByName?: Record<string, number>;
};
