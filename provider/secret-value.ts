import { fingerprint, newSalt } from "./fingerprint";
import type { InputProblem } from "./errors";
import { isUnknown, MAX_VALUE_BYTES, SEAL_OVERHEAD_BYTES, UNKNOWN } from "./validate";
import type { ProviderContext, SecretValue } from "./types";

/** Pulumi's wire form of a secret: the engine keeps a checked input in this form encrypted in the state. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";
const SECRET_MARKER = "1b47061264138c4ac30d75fd1eb44270";

function asSecret(value: string): Record<string, string> {
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
  valueSalt?: Record<string, string>;
  keyId?: string;
}

/**
 * The fingerprint of an imported secret, whose value GitHub never returns: the entries of an
 * import file carry it, and it matches no value, so the first update writes the program's value.
 */
export const IMPORTED_FINGERPRINT = "imported:value-unknown";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// SecretSet runs this in the program too, so that one bad value stops the whole set before any secret is written.
export function readValue(news: Record<string, any>, problems: InputProblem[]): SecretValue | "unknown" | "imported" | undefined {
  const { plaintextValue, encryptedValue, keyId } = news;
  const given = (v: unknown) => v !== undefined && v !== null;
  if (given(plaintextValue) && given(encryptedValue)) {
    problems.push({ field: "plaintextValue", reason: "is given together with encryptedValue; give one of them." });
    return undefined;
  }
  if (given(plaintextValue)) {
    if (isUnknown(plaintextValue)) return "unknown";
    if (typeof plaintextValue !== "string") {
      problems.push({ field: "plaintextValue", reason: `must be a string, got ${typeof plaintextValue}.` });
      return undefined;
    }
    if (plaintextValue === "") {
      problems.push({ field: "plaintextValue", reason: "is empty; GitHub stores no empty secrets. Give a value or remove the resource." });
      return undefined;
    }
    const bytes = Buffer.byteLength(plaintextValue, "utf8");
    if (bytes > MAX_VALUE_BYTES) {
      problems.push({ field: "plaintextValue", reason: `is ${bytes} bytes; GitHub's limit is 48 KB (${MAX_VALUE_BYTES} bytes). Store a larger value elsewhere (e.g. encrypted in the repository) and keep its key here.` });
      return undefined;
    }
    return { kind: "plaintext", plaintext: plaintextValue };
  }
  if (given(encryptedValue)) {
    if (isUnknown(encryptedValue) || isUnknown(keyId)) return "unknown";
    if (typeof keyId !== "string" || keyId === "") {
      problems.push({ field: "keyId", reason: "is missing; an encryptedValue is only valid with the key_id of the public key it was sealed for." });
    }
    if (typeof encryptedValue !== "string" || !BASE64.test(encryptedValue)) {
      problems.push({ field: "encryptedValue", reason: "is not standard base64; give the output of `npx pulumi-github-secrets seal --key KEY`." });
      return undefined;
    }
    const bytes = Buffer.from(encryptedValue, "base64").length;
    if (bytes < SEAL_OVERHEAD_BYTES + 1) {
      problems.push({ field: "encryptedValue", reason: `decodes to ${bytes} bytes, but a value sealed with crypto_box_seal is at least ${SEAL_OVERHEAD_BYTES + 1}; this looks like an unsealed value. Seal it with \`npx pulumi-github-secrets seal --key KEY\`, or pass it as plaintextValue.` });
      return undefined;
    }
    if (bytes > MAX_VALUE_BYTES + SEAL_OVERHEAD_BYTES) {
      problems.push({ field: "encryptedValue", reason: `seals a value over GitHub's 48 KB limit.` });
      return undefined;
    }
    return problems.length > 0 ? undefined : { kind: "sealed", encryptedValue, keyId };
  }
  if (news.valueFingerprint === IMPORTED_FINGERPRINT) return "imported";
  problems.push({ field: "plaintextValue", reason: "is missing; give plaintextValue, or encryptedValue with keyId." });
  return undefined;
}

/**
 * Validates a value input and puts a salted fingerprint in its place; the value itself stays in
 * the process (the vault) for create/update. The salt of the previous check is kept, so an
 * unchanged value gives an unchanged fingerprint.
 */
export function checkValue(
  context: ProviderContext,
  olds: Record<string, any>,
  news: Record<string, any>,
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
export function valueFor(context: ProviderContext, inputs: Record<string, any>, label: string): SecretValue {
  const value = context.values.find(inputs.valueFingerprint);
  if (!value) {
    throw new Error(
      `${label}: the value is not in this provider process (its check did not run here), and the state never holds it. Run \`pulumi up\` again so that the value is read from the program.`,
    );
  }
  return value;
}
