import { fingerprint, newSalt } from "../core/fingerprint";
import type { InputProblem } from "../core/input-problems";
import { IMPORTED_FINGERPRINT, readValue, type SecretValue } from "../core/secret-value";
import { UNKNOWN } from "../core/validate";
import type { ProviderContext } from "./context";
import type { WireSecret } from "./types";

/** Pulumi's wire form of a secret: the engine keeps a checked input in this form encrypted in the state. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";
const SECRET_MARKER = "1b47061264138c4ac30d75fd1eb44270";

function asSecret(value: string): WireSecret {
  return { [SECRET_SIGNATURE]: SECRET_MARKER, value };
}

function plainValue(value: unknown): unknown {
  if (value && typeof value === "object" && (value as Record<string, unknown>)[SECRET_SIGNATURE] === SECRET_MARKER) {
    return (value as Record<string, unknown>).value;
  }
  return value;
}

/** What the checked inputs hold in place of a value. */
export interface CheckedValue {
  valueFingerprint: string;
  /** The fingerprint's salt, returned as a Pulumi secret so the state encrypts it. */
  valueSalt?: WireSecret;
  keyId?: string;
}

/**
 * Validates a value input and puts a salted fingerprint in its place; the value itself stays in
 * the process (the vault) for create/update. The salt of the previous check is kept, so an
 * unchanged value gives an unchanged fingerprint.
 */
export function checkValue(
  context: ProviderContext,
  olds: Readonly<Record<string, unknown>>,
  news: Readonly<Record<string, unknown>>,
  problems: InputProblem[],
): CheckedValue | undefined {
  const value = readValue(news, problems);
  if (value === undefined) return undefined;
  if (value === "imported") return { valueFingerprint: IMPORTED_FINGERPRINT };
  const oldSalt = plainValue(olds.valueSalt);
  const salt = typeof oldSalt === "string" && oldSalt !== "" ? oldSalt : newSalt();
  const keyId = value !== "unknown" && value.kind === "sealed" ? { keyId: value.keyId } : {};
  if (value === "unknown") return { valueFingerprint: UNKNOWN, valueSalt: asSecret(salt), ...keyId };
  const valueFingerprint = fingerprint(value.kind === "plaintext" ? value.plaintext : value.encryptedValue, salt);
  context.values.keep(valueFingerprint, value);
  return { valueFingerprint, valueSalt: asSecret(salt), ...keyId };
}

/** The value check() vouched for, or an error if this process never checked it. */
export function valueFor(context: ProviderContext, inputs: { valueFingerprint: string }, label: string): SecretValue {
  const value = context.values.find(inputs.valueFingerprint);
  if (!value) {
    throw new Error(
      `${label}: the value is not in this provider process (its check did not run here), and the state never holds it. Run \`pulumi up\` again so that the value is read from the program.`,
    );
  }
  return value;
}
