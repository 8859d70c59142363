// Encryption of config and state secrets, compatible with the Pulumi CLI's passphrase secrets provider
// (AES-256-GCM, key = PBKDF2-SHA256 of the passphrase, 1,000,000 rounds, 8-byte salt; values written as
// `v1:<nonce>:<ciphertext+tag>` in base64; the salt state `v1:<salt>:<"pulumi" encrypted>` proves the
// passphrase). A config or state file written by the harness is therefore readable by `pulumi` with the same
// PULUMI_CONFIG_PASSPHRASE, which is what lets the harness and the real CLI share a stack's config.
import { createCipheriv, createDecipheriv, pbkdf2, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { readFileSync } from "node:fs";

const ROUNDS = 1_000_000;
const TAG_BYTES = 16;

export interface Crypter {
  /** The salt state to store beside encrypted values (`encryptionsalt`, `secrets_providers.state.salt`). */
  readonly saltState: string;
  // Function properties, not methods: callers take them off the object.
  encrypt: (plaintext: string) => string;
  decrypt: (ciphertext: string) => string;
}

/** The passphrase from PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE; empty if neither is set. */
export function passphraseFromEnv(env: NodeJS.ProcessEnv): string {
  if (env.PULUMI_CONFIG_PASSPHRASE !== undefined) return env.PULUMI_CONFIG_PASSPHRASE;
  if (env.PULUMI_CONFIG_PASSPHRASE_FILE) return readFileSync(env.PULUMI_CONFIG_PASSPHRASE_FILE, "utf8");
  return "";
}

/** A crypter for an existing salt state (checking the passphrase against it), or a fresh salt. */
export async function passphraseCrypter(passphrase: string, saltState?: string): Promise<Crypter> {
  if (saltState === undefined) {
    const salt = randomBytes(8);
    const key = await deriveKey(passphrase, salt);
    return crypterFor(key, `v1:${salt.toString("base64")}:${encryptWith(key, "pulumi")}`);
  }
  const [version, salt, ...check] = saltState.split(":");
  if (version !== "v1" || salt === undefined || check.length !== 3) throw new Error("malformed encryption salt");
  const key = await deriveKey(passphrase, Buffer.from(salt, "base64"));
  let proof: string;
  try {
    proof = decryptWith(key, check.join(":"));
  } catch {
    proof = "";
  }
  if (proof !== "pulumi") throw new Error("incorrect passphrase (set PULUMI_CONFIG_PASSPHRASE)");
  return crypterFor(key, saltState);
}

function crypterFor(key: Buffer, saltState: string): Crypter {
  return {
    saltState,
    encrypt: (plaintext) => encryptWith(key, plaintext),
    decrypt: (ciphertext) => decryptWith(key, ciphertext),
  };
}

// Asynchronous so that the ~0.2 s derivation overlaps with the program and provider host starting.
function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return promisify(pbkdf2)(passphrase, salt, ROUNDS, 32, "sha256");
}

function encryptWith(key: Buffer, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1:${nonce.toString("base64")}:${sealed.toString("base64")}`;
}

function decryptWith(key: Buffer, value: string): string {
  const [version, nonce, sealed] = value.split(":");
  if (version !== "v1" || nonce === undefined || sealed === undefined) throw new Error("malformed ciphertext");
  const bytes = Buffer.from(sealed, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64"));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString(
    "utf8",
  );
}
