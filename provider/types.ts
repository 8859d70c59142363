import type * as dynamic from "@pulumi/pulumi/dynamic";
// Octokit is an ES module: without the attribute, the published declarations of a CommonJS package fail to
// compile for projects on node16/nodenext resolution (TS1541). tests/package/pack.test.ts checks it.
import type { Octokit } from "@octokit/rest" with { "resolution-mode": "import" };
import type { DeclaredSecrets } from "./declared-secrets";
import type { GitHubClock } from "./github-clock";
import type { PublicKeyCache } from "./public-key-cache";
import type { RepositoryIds } from "./repository-ids";
import type { SelectionOwners } from "./selection-owners";
import type { WrittenThisRun } from "./written-this-run";
import type { ValueVault } from "./value-vault";

/** Where a secret lives. GitHub has three scopes, each with its own public key. */
export type Scope =
  | { kind: "org"; org: string }
  | { kind: "repo"; owner: string; repository: string }
  | { kind: "environment"; owner: string; repository: string; environment: string };

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

export type { PublicKey } from "./lookup-results";

/** A value as check() received it: a plaintext to seal, or a value the user sealed already. */
export type SecretValue =
  | { kind: "plaintext"; plaintext: string }
  | { kind: "sealed"; encryptedValue: string; keyId: string };

/** Everything a provider process shares between resources: one client, one key cache, one vault. */
export interface ProviderContext {
  settings: ProviderSettings;
  client: Octokit;
  clock: GitHubClock;
  publicKeys: PublicKeyCache;
  repositoryIds: RepositoryIds;
  selectionOwners: SelectionOwners;
  declaredSecrets: DeclaredSecrets;
  values: ValueVault;
  writtenThisRun: WrittenThisRun;
}

/** The operations of one resource kind, given the process's context. */
export interface ResourceImplementation {
  check(context: ProviderContext, olds: Record<string, any>, news: Record<string, any>): Promise<dynamic.CheckResult>;
  diff(context: ProviderContext, id: string, olds: Record<string, any>, news: Record<string, any>): Promise<dynamic.DiffResult>;
  create(context: ProviderContext, inputs: Record<string, any>): Promise<dynamic.CreateResult>;
  read(context: ProviderContext, id: string, props: Record<string, any>): Promise<dynamic.ReadResult>;
  update(context: ProviderContext, id: string, olds: Record<string, any>, news: Record<string, any>): Promise<dynamic.UpdateResult>;
  delete(context: ProviderContext, id: string, props: Record<string, any>): Promise<void>;
}
