// The stack's state file, `<stateDir>/<stack>.json`, in the shape of the CLI's file backend
// (`{version: 3, checkpoint: {stack, latest: {manifest, secrets_providers, resources}}}`). In memory secrets
// are `{sig, value}`; on disk `{sig, ciphertext}`, the ciphertext being the JSON of the value encrypted with
// the stack's passphrase crypter, as the CLI's passphrase provider writes it.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Crypter } from "./passphrase-crypter";
import { containsSecrets, mapSecrets, SECRET_SIG, SIG_KEY } from "./property-values";
import type { CheckpointFile, Deployment, PropertyMap, ResourceState, Value } from "./types";

const pulumiVersion = (
  JSON.parse(readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }
).version;

/** The file backend's fully qualified stack name. */
export function checkpointStackName(project: string, stack: string): string {
  return `organization/${project}/${stack}`;
}

export function stateFilePath(stateDir: string, stack: string): string {
  return join(stateDir, `${stack}.json`);
}

/** The resources of the latest deployment, secrets decrypted; empty if the stack has no state yet. */
export async function loadResources(file: string, crypter: () => Promise<Crypter>): Promise<ResourceState[]> {
  const resources = readCheckpoint(file)?.checkpoint.latest?.resources ?? [];
  if (!resources.some(hasEncryptedSecrets)) return resources;
  const { decrypt } = await crypter();
  return resources.map((r) =>
    mapProperties(r, (secret) => ({
      [SIG_KEY]: SECRET_SIG,
      value: JSON.parse(decrypt(secret.ciphertext as string)) as Value,
    })),
  );
}

export async function saveResources(
  file: string,
  stackName: string,
  resources: ResourceState[],
  crypter: () => Promise<Crypter>,
): Promise<void> {
  const latest: Deployment = { manifest: manifest() };
  const ordered = resources.map(inFieldOrder);
  if (ordered.some((r) => containsSecrets(r.inputs ?? {}) || containsSecrets(r.outputs ?? {}))) {
    const { encrypt, saltState } = await crypter();
    latest.secrets_providers = { type: "passphrase", state: { salt: saltState } };
    latest.resources = ordered.map((r) =>
      mapProperties(r, (secret) => ({ [SIG_KEY]: SECRET_SIG, ciphertext: encrypt(JSON.stringify(secret.value)) })),
    );
  } else {
    latest.resources = ordered;
  }
  const checkpoint: CheckpointFile = { version: 3, checkpoint: { stack: stackName, latest } };
  mkdirSync(dirname(file), { recursive: true });
  // Written whole and renamed, so a reader never sees half a file.
  writeFileSync(`${file}.tmp`, JSON.stringify(checkpoint, null, 4) + "\n");
  renameSync(`${file}.tmp`, file);
}

/** What `pulumi stack export` prints; with `showSecrets` each secret carries `plaintext` (the value's JSON). */
export async function exportDeployment(
  file: string,
  showSecrets: boolean,
  crypter: () => Promise<Crypter>,
): Promise<{ version: 3; deployment: Deployment }> {
  const latest = readCheckpoint(file)?.checkpoint.latest ?? { manifest: manifest() };
  if (!showSecrets || !(latest.resources ?? []).some(hasEncryptedSecrets)) return { version: 3, deployment: latest };
  const { decrypt } = await crypter();
  const resources = (latest.resources ?? []).map((r) =>
    mapProperties(r, (secret) => ({ [SIG_KEY]: SECRET_SIG, plaintext: decrypt(secret.ciphertext as string) })),
  );
  return { version: 3, deployment: { ...latest, resources } };
}

// apitype.ResourceV3's field order, so the file reads like one the CLI wrote (listing every field of
// ResourceState, which the type checker enforces).
const FIELD_ORDER = Object.keys({
  urn: 0,
  custom: 0,
  delete: 0,
  id: 0,
  type: 0,
  inputs: 0,
  outputs: 0,
  parent: 0,
  protect: 0,
  dependencies: 0,
  initErrors: 0,
  provider: 0,
  propertyDependencies: 0,
  additionalSecretOutputs: 0,
  retainOnDelete: 0,
  created: 0,
  modified: 0,
} satisfies { [K in keyof Required<ResourceState>]: 0 }) as (keyof ResourceState)[];

/** Empty maps are left out, as Go's `omitempty` leaves them out of the CLI's file (a stack without outputs has none). */
const EMPTY_OMITTED = new Set<keyof ResourceState>(["inputs", "outputs", "propertyDependencies"]);

function inFieldOrder(r: ResourceState): ResourceState {
  const ordered: { [key: string]: unknown } = {};
  for (const key of FIELD_ORDER) {
    const value = r[key];
    if (value === undefined) continue;
    if (EMPTY_OMITTED.has(key) && typeof value === "object" && Object.keys(value).length === 0) continue;
    ordered[key] = value;
  }
  return ordered as unknown as ResourceState;
}

function readCheckpoint(file: string): CheckpointFile | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as CheckpointFile) : undefined;
}

function manifest(): Deployment["manifest"] {
  const version = `engine-harness (@pulumi/pulumi ${pulumiVersion})`;
  return { time: new Date().toISOString(), magic: createHash("sha256").update(version).digest("hex"), version };
}

function hasEncryptedSecrets(r: ResourceState): boolean {
  return JSON.stringify([r.inputs, r.outputs]).includes(`"${SIG_KEY}"`);
}

function mapProperties(r: ResourceState, f: (secret: { [key: string]: Value }) => Value): ResourceState {
  const map = (m: PropertyMap | undefined) => (m === undefined ? undefined : (mapSecrets(m, f) as PropertyMap));
  return { ...r, inputs: map(r.inputs), outputs: map(r.outputs) };
}
