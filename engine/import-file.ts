// The import file of `pulumi import --file FILE`, read and checked as the CLI does
// (pkg/cmd/pulumi/operations/import.go: importFile, importSpec, parseImportFile): `resources` entries with
// `type`, `name` (or `logicalName`), `id`, and optionally `parent` and `provider` (names, looked up in
// `nameTable` or among the file's own entries), `properties`, `inputs` and `outputs`. Property values are read
// as the state file's are (pkg/resource/stack/deployment.go, DeserializePropertyValue): a secret is
// `{"4dabf1…": "1b4706…", "plaintext": "<the value's JSON>"}` or `{…, "ciphertext": "v1:…"}` (encrypted with the
// stack's passphrase); the wire form `{…, "value": …}` is rejected there, as the CLI rejects it. Problems are
// collected and reported together, as the CLI's multierror does, before anything runs.
import { readFileSync } from "node:fs";
import { makeSecret, SECRET_SIG, SIG_KEY, UNKNOWN } from "./property-values";
import { isDynamicResourceType } from "./start-provider-host";
import type { PropertyMap, Value } from "./types";
import { makeUrn } from "./urn";

/** One resource to import, resolved: what deploy.Import holds. */
export interface ImportSpec {
  type: string;
  /** The logical name (the URN's last part). */
  name: string;
  id: string;
  urn: string;
  /** The parent's URN; empty for the stack. */
  parent: string;
  /** An explicit provider's URN; empty for the default provider. */
  provider: string;
  properties: string[];
  inputs?: PropertyMap;
  outputs?: PropertyMap;
}

/** The file is unreadable or describes resources the CLI would refuse; nothing has run. */
export class ImportFileError extends Error {}

interface RawSpec {
  type?: unknown;
  name?: unknown;
  logicalName?: unknown;
  id?: unknown;
  parent?: unknown;
  provider?: unknown;
  properties?: unknown;
  inputs?: unknown;
  outputs?: unknown;
  component?: unknown;
  remote?: unknown;
  version?: unknown;
  pluginDownloadUrl?: unknown;
  parameterization?: unknown;
  extension?: unknown;
}

interface RawFile {
  nameTable?: { [name: string]: string };
  resources?: RawSpec[];
  providerInputs?: unknown;
}

/** Reads the file as JSON, as readImportFile does; the path is relative to the project directory (the CLI's --cwd). */
export function readImportFile(path: string): RawFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ImportFileError(`could not read import file: ${(e as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not a JSON object");
    return parsed;
  } catch (e) {
    throw new ImportFileError(`could not read import file: ${(e as Error).message}`);
  }
}

const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const BYTE_STRING_SIG = "803fd3297a5875dc03ca845dda5d2a98";
const FLOAT_SIG = "8ad145fe-0d11-4827-bfd7-1abcbf086f5c";

/**
 * Resolves names to URNs and reads the property values, as parseImportFile does. `decrypt` opens a secret's
 * `ciphertext` with the stack's secrets provider. Throws ImportFileError listing every problem.
 */
export async function parseImportFile(
  file: RawFile,
  stack: string,
  project: string,
  decrypt: () => Promise<(ciphertext: string) => string>,
): Promise<ImportSpec[]> {
  const errors: string[] = [];
  const fail = (message: string) => errors.push(message);
  const raw = Array.isArray(file.resources) ? file.resources : [];
  const nameTable = file.nameTable ?? {};
  if (file.providerInputs !== undefined) {
    fail("the engine harness does not create explicit providers ('providerInputs')");
  }

  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const specs = raw.map((r) => {
    const name = str(r.name) || str(r.logicalName);
    return { raw: r, type: str(r.type), name, logicalName: str(r.logicalName) || name, id: str(r.id) };
  });
  const describe = (i: number) => {
    const s = specs[i];
    let text = `resource ${s.name ? `'${s.name}'` : s.id ? `'${s.id}'` : i}`;
    if (s.type) text += ` of type '${s.type}'`;
    return text;
  };

  // Basic constraints, and which names are ambiguous (used by more than one entry).
  const ambiguous = new Set<string>();
  specs.forEach((s, i) => {
    if (!s.type) fail(`${describe(i)} has no type`);
    if (!s.name) fail(`${describe(i)} has no name`);
    if (s.type.startsWith("pulumi:providers:")) {
      fail(`${describe(i)} is a provider: the engine harness imports no providers`);
    } else if (s.raw.component === true) {
      fail(`${describe(i)} is a component: the engine harness imports no components`);
    } else if (!s.id) {
      fail(`${describe(i)} has no ID`);
    } else if (s.type && !isDynamicResourceType(s.type)) {
      fail(`${describe(i)}: the engine harness imports only dynamic resources (pulumi-nodejs:...)`);
    }
    for (const field of ["version", "pluginDownloadUrl", "parameterization", "extension"] as const) {
      if (s.raw[field] !== undefined) fail(`${describe(i)}: the engine harness does not support '${field}'`);
    }
    if (specs.some((other, j) => j < i && other.name === s.name)) ambiguous.add(s.name);
  });
  if (errors.length > 0) throw new ImportFileError(multiError(errors));

  // Names to URNs: the name table, then each entry once its parent's URN is known.
  const urnOf = new Map<string, string>(Object.entries(nameTable));
  const takenUrns = new Set<string>(Object.values(nameTable));
  for (const s of specs) urnOf.set(s.name, "");
  const urns = new Array<string>(specs.length).fill("");
  const parents = new Array<string>(specs.length).fill("");
  let pending = specs.map((_, i) => i);
  while (pending.length > 0 && errors.length === 0) {
    const next: number[] = [];
    for (const i of pending) {
      const s = specs[i];
      const parentName = str(s.raw.parent);
      let parentUrn = "";
      if (parentName) {
        if (ambiguous.has(parentName)) fail(`${describe(i)} has an ambiguous parent`);
        const known = nameTable[parentName] ?? urnOf.get(parentName);
        if (known === undefined) {
          fail(`the parent '${parentName}' for ${describe(i)} has no entry in 'nameTable'`);
        } else if (known === "") {
          next.push(i); // its parent's URN is not known yet
          continue;
        } else {
          parentUrn = known;
        }
      }
      const urn = makeUrn(stack, project, parentUrn, s.type, s.logicalName);
      if (takenUrns.has(urn)) fail(`${describe(i)} has an ambiguous URN, set name (or logical name) to be unique`);
      takenUrns.add(urn);
      urnOf.set(s.name, urn);
      urns[i] = urn;
      parents[i] = parentUrn;
    }
    if (next.length === pending.length) {
      for (const i of next) fail(`the parent '${str(specs[i].raw.parent)}' for ${describe(i)} cannot be resolved`);
    }
    pending = next;
  }
  if (errors.length > 0) throw new ImportFileError(multiError(errors));

  let decrypter: ((ciphertext: string) => string) | undefined;
  const open = async (ciphertext: string) => (decrypter ??= await decrypt())(ciphertext);
  const result: ImportSpec[] = [];
  for (const [i, s] of specs.entries()) {
    let provider = "";
    const providerName = str(s.raw.provider);
    if (providerName) {
      if (ambiguous.has(providerName)) fail(`${describe(i)} has an ambiguous provider`);
      const urn = urnOf.get(providerName);
      if (urn === undefined) {
        fail(`the provider '${providerName}' for ${describe(i)} has no entry in 'nameTable' or 'resources'`);
      } else if (!urn.startsWith("urn:pulumi:") || !(urn.split("::")[2] ?? "").startsWith("pulumi:providers:")) {
        fail(`the provider '${providerName}' for ${describe(i)} is not a provider`);
      } else {
        provider = urn;
      }
    }
    const spec: ImportSpec = {
      type: s.type,
      name: s.logicalName,
      id: s.id,
      urn: urns[i],
      parent: parents[i],
      provider,
      properties: Array.isArray(s.raw.properties) ? s.raw.properties.map(String) : [],
    };
    for (const field of ["inputs", "outputs"] as const) {
      const value = s.raw[field];
      if (value === undefined || value === null) continue;
      try {
        if (typeof value !== "object" || Array.isArray(value)) throw new Error(`${field} must be an object`);
        const { map, unknown } = await deserializeProperties(value as { [key: string]: unknown }, open);
        spec[field] = map;
        if (unknown) fail(`the ${field} for ${describe(i)} contain unknown values; fill them in before importing`);
      } catch (e) {
        fail(`could not deserialize ${field} for ${describe(i)}: ${(e as Error).message}`);
      }
    }
    result.push(spec);
  }
  if (errors.length > 0) throw new ImportFileError(multiError(errors));
  return result;
}

/** hashicorp/go-multierror's list format, which the CLI prints after "error: ". */
function multiError(errors: string[]): string {
  if (errors.length === 1) return `1 error occurred:\n\t* ${errors[0]}\n`;
  return `${errors.length} errors occurred:\n${errors.map((e) => `\t* ${e}`).join("\n")}\n`;
}

interface Deserialized {
  map: PropertyMap;
  unknown: boolean;
}

async function deserializeProperties(
  props: { [key: string]: unknown },
  decrypt: (ciphertext: string) => Promise<string>,
): Promise<Deserialized> {
  let unknown = false;
  const value = async (v: unknown): Promise<Value> => {
    if (v === null || v === undefined) return null;
    if (typeof v === "boolean" || typeof v === "number") return v;
    if (typeof v === "string") {
      if (v === UNKNOWN) unknown = true;
      return v;
    }
    if (Array.isArray(v)) {
      const items: Value[] = [];
      for (const x of v) items.push(await value(x));
      return items;
    }
    const obj: { [key: string]: Value } = {};
    for (const [k, x] of Object.entries(v as { [key: string]: unknown })) obj[k] = await value(x);
    if (!(SIG_KEY in obj)) return obj;
    const sig = obj[SIG_KEY];
    switch (sig) {
      case SECRET_SIG: {
        const ciphertext = typeof obj.ciphertext === "string" ? obj.ciphertext : "";
        const plaintext = typeof obj.plaintext === "string" ? obj.plaintext : "";
        if ((ciphertext === "") === (plaintext === "")) {
          throw new Error("malformed secret value: exactly one of `ciphertext` or `plaintext` must be supplied");
        }
        let json = plaintext;
        if (ciphertext) {
          try {
            json = await decrypt(ciphertext);
          } catch (e) {
            throw new Error(`decrypting secret value: ${(e as Error).message}`);
          }
        }
        return makeSecret(await value(JSON.parse(json) as unknown));
      }
      case FLOAT_SIG: {
        if (typeof obj.value !== "string")
          throw new Error("malformed float value: missing or non-string 'value' field");
        return Buffer.from(obj.value.padStart(16, "0"), "hex").readDoubleBE(0);
      }
      case ASSET_SIG:
      case ARCHIVE_SIG:
      case RESOURCE_REFERENCE_SIG:
      case BYTE_STRING_SIG:
        throw new Error(`the engine harness does not import assets, archives, resource references or byte strings`);
      default:
        throw new Error(
          `unrecognized signature '${typeof sig === "string" ? sig : JSON.stringify(sig)}' in property map`,
        );
    }
  };
  const map: PropertyMap = {};
  for (const [k, v] of Object.entries(props)) map[k] = await value(v);
  return { map, unknown };
}
