import type { Crypter } from "./passphrase-crypter";

// The harness's shared types. Property values are kept in memory exactly as they travel over the wire
// to and from Pulumi's runtime: plain JSON, a secret as
// `{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": ...}` and an unknown
// (preview only) as the string "04da6b54-80e4-46f7-96ec-b56ff0331ba9". Only the state file on disk holds
// secrets encrypted (`ciphertext`), see checkpoint.ts.

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
export type PropertyMap = { [key: string]: Value };

/** One resource of a deployment, shaped like Pulumi's apitype.ResourceV3 (the fields the harness uses). */
export interface ResourceState {
  urn: string;
  custom: boolean;
  /** Set on the old half of a create-before-delete replacement until it is deleted. */
  delete?: boolean;
  id?: string;
  type: string;
  inputs?: PropertyMap;
  outputs?: PropertyMap;
  parent?: string;
  /** Set by `import` (the CLI's `--protect`, default true): the resource is not deleted until an update clears it. */
  protect?: boolean;
  dependencies?: string[];
  initErrors?: string[];
  /** Provider reference `URN::ID`. */
  provider?: string;
  propertyDependencies?: { [key: string]: string[] };
  additionalSecretOutputs?: string[];
  /** The `retainOnDelete` option: deleting it (removal, replacement, destroy) drops it from the state without the provider's Delete. */
  retainOnDelete?: boolean;
  created?: string;
  modified?: string;
}

export interface Manifest {
  time: string;
  magic: string;
  version: string;
}

export interface SecretsProvider {
  type: "passphrase";
  state: { salt: string };
}

/** Pulumi's apitype.DeploymentV3, what `pulumi stack export` prints under `deployment`. */
export interface Deployment {
  manifest: Manifest;
  secrets_providers?: SecretsProvider;
  resources?: ResourceState[];
}

/** Pulumi's apitype.VersionedCheckpoint holding a CheckpointV3, the file backend's stack file. */
export interface CheckpointFile {
  version: 3;
  checkpoint: { stack: string; latest?: Deployment };
}

/** One stack config value after decryption. */
export interface ConfigValue {
  value: string;
  secret: boolean;
}

/** The stack's config keyed `namespace:key`. */
export type StackConfig = Map<string, ConfigValue>;

/** A RegisterResource call from the program, with the options the harness implements. */
export interface Registration {
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  object: PropertyMap;
  dependencies: string[];
  propertyDependencies: { [key: string]: string[] };
  /** The `deleteBeforeReplace` resource option, when the program set it. */
  deleteBeforeReplace?: boolean;
  ignoreChanges: string[];
  additionalSecretOutputs: string[];
  retainOnDelete: boolean;
}

export interface RegistrationResult {
  urn: string;
  id: string;
  object: PropertyMap;
}

/** What Pulumi.yaml says that the harness uses. */
export interface Project {
  name: string;
  /** Directory holding Pulumi.yaml. */
  rootDir: string;
  /** Program working directory and entry point, resolved from `main` like the CLI does. */
  programDir: string;
  entryPoint: string;
  typescript: boolean;
  tsconfig?: string;
  /** Runtime options, passed to the provider host as PULUMI_RUNTIME_<NAME>. */
  runtimeOptions: { [key: string]: unknown };
}

/** Where output goes; the command prints it, `runEngine` also collects it. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** A check failure as the provider reports it. */
export interface CheckFailure {
  property: string;
  reason: string;
}

export type DiffChanges = "unknown" | "none" | "some";

export interface DiffResult {
  changes: DiffChanges;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** Step operations, named as the CLI names them. */
export type StepOp = "same" | "create" | "update" | "replace" | "delete" | "import";

/** Everything a deployment (up, preview, refresh, destroy) needs. */
export interface StackContext {
  project: Project;
  stack: string;
  /** `<stateDir>/<stack>.json`. */
  stateFile: string;
  config: StackConfig;
  /** The stack's passphrase crypter, created on first use (key derivation takes ~0.2 s). */
  crypter: () => Promise<Crypter>;
  parallel: number;
  /** Environment for the program and the provider host. */
  env: NodeJS.ProcessEnv;
  output: Output;
  /** The provider host's stderr (and stdout after its port line) is appended here. */
  providerLogFile: string;
}

/** What a command ended with: its exit code and everything it printed. */
export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}
