// The stack's config file, in the CLI's Pulumi.<stack>.yaml format: `encryptionsalt` (the passphrase
// provider's salt state) and `config`, keyed `namespace:key`, a secret written as `{secure: v1:...}`. It lives
// in the state directory, so the harness never writes into a program directory; the real-CLI branch points
// `pulumi --config-file` at the same file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { passphraseCrypter, passphraseFromEnv, type Crypter } from "./passphrase-crypter";
import type { StackConfig } from "./types";
import { dumpYaml, parseYaml } from "./yaml";
import { setAtPath, type PathSegment } from "./property-path";

interface ConfigDocument {
  encryptionsalt?: string;
  config?: { [key: string]: unknown };
}

export function configFilePath(stateDir: string, stack: string): string {
  return join(stateDir, `Pulumi.${stack}.yaml`);
}

/** `key` or `ns:key` → `ns:key`, the short form taking the project's name, as `pulumi config set` does. */
export function qualifyKey(key: string, project: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

/**
 * A memoized crypter for the stack: the salt comes from the config file, or is made and saved there on first
 * use, as `pulumi stack init` does with the passphrase provider.
 */
export function stackCrypter(file: string, env: NodeJS.ProcessEnv): () => Promise<Crypter> {
  let crypter: Promise<Crypter> | undefined;
  return () => {
    crypter ??= (async () => {
      const doc = readDocument(file);
      const result = await passphraseCrypter(passphraseFromEnv(env), doc.encryptionsalt);
      if (doc.encryptionsalt === undefined) writeDocument(file, { ...doc, encryptionsalt: result.saltState });
      return result;
    })();
    return crypter;
  };
}

export async function loadStackConfig(file: string, crypter: () => Promise<Crypter>): Promise<StackConfig> {
  const config: StackConfig = new Map();
  for (const [key, raw] of Object.entries(readDocument(file).config ?? {})) {
    if (isSecure(raw)) {
      config.set(key, { value: (await crypter()).decrypt(raw.secure), secret: true });
    } else if (typeof raw === "object" && raw !== null) {
      // An object with a secure value inside (from `config set --secret --path`) is a secret as a whole,
      // as the engine hands it to programs and providers.
      const found = { secure: false };
      const value = await decryptWithin(raw, crypter, found);
      config.set(key, { value: JSON.stringify(value), secret: found.secure });
    } else {
      config.set(key, { value: typeof raw === "string" ? raw : JSON.stringify(raw), secret: false });
    }
  }
  return config;
}

async function decryptWithin(
  raw: unknown,
  crypter: () => Promise<Crypter>,
  found: { secure: boolean },
): Promise<unknown> {
  if (isSecure(raw)) {
    found.secure = true;
    return (await crypter()).decrypt(raw.secure);
  }
  if (typeof raw !== "object" || raw === null) return raw;
  const entries = await Promise.all(
    Object.entries(raw).map(async ([k, v]) => [k, await decryptWithin(v, crypter, found)] as const),
  );
  return Array.isArray(raw) ? entries.map(([, v]) => v) : Object.fromEntries(entries);
}

/** Sets `key`, or with a `path` the value at that path inside the object or list `key` holds (made as needed). */
export async function setConfigValue(
  file: string,
  key: string,
  path: PathSegment[],
  value: string,
  secret: boolean,
  crypter: () => Promise<Crypter>,
): Promise<void> {
  const stored = secret ? { secure: (await crypter()).encrypt(value) } : value;
  // Re-read after the crypter may have added the salt.
  const doc = readDocument(file);
  const current = doc.config?.[key];
  // A secure value is replaced as a whole when a path goes inside it.
  const inside = isSecure(current) ? undefined : current;
  writeDocument(file, { ...doc, config: { ...doc.config, [key]: setAtPath(inside, path, stored) } });
}

export function removeConfigValue(file: string, key: string): void {
  const doc = readDocument(file);
  const config = { ...doc.config };
  delete config[key];
  writeDocument(file, { ...doc, config });
}

function isSecure(raw: unknown): raw is { secure: string } {
  return typeof raw === "object" && raw !== null && typeof (raw as { secure?: unknown }).secure === "string";
}

function readDocument(file: string): ConfigDocument {
  if (!existsSync(file)) return {};
  return parseYaml(readFileSync(file, "utf8")) ?? {};
}

function writeDocument(file: string, doc: ConfigDocument): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, dumpYaml(doc));
}
