import type { InputProblem } from "./input-problems";
import { isUnknown, MAX_VALUE_BYTES, SEAL_OVERHEAD_BYTES } from "./validate";

/** A value as check() received it: a plaintext to seal, or a value the user sealed already. */
export type SecretValue =
  { kind: "plaintext"; plaintext: string } | { kind: "sealed"; encryptedValue: string; keyId: string };

/**
 * The fingerprint of an imported secret, whose value GitHub never returns: the entries of an
 * import file carry it, and it matches no value, so the first update writes the program's value.
 */
export const IMPORTED_FINGERPRINT = "imported:value-unknown";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Reads and checks a value input: the value, "unknown" during a preview, "imported" for an import
 * file's entry, or undefined with the problems pushed. SecretSet runs this in the program too, so
 * that one bad value stops the whole set before any secret is written.
 */
export function readValue(
  news: Readonly<Record<string, unknown>>,
  problems: InputProblem[],
): SecretValue | "unknown" | "imported" | undefined {
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
      problems.push({
        field: "plaintextValue",
        reason: "is empty; GitHub stores no empty secrets. Give a value or remove the resource.",
      });
      return undefined;
    }
    const bytes = Buffer.byteLength(plaintextValue, "utf8");
    if (bytes > MAX_VALUE_BYTES) {
      problems.push({
        field: "plaintextValue",
        reason: `is ${bytes} bytes; GitHub's limit is 48 KB (${MAX_VALUE_BYTES} bytes). Store a larger value elsewhere (e.g. encrypted in the repository) and keep its key here.`,
      });
      return undefined;
    }
    return { kind: "plaintext", plaintext: plaintextValue };
  }
  if (given(encryptedValue)) {
    if (isUnknown(encryptedValue) || isUnknown(keyId)) return "unknown";
    if (typeof keyId !== "string" || keyId === "") {
      problems.push({
        field: "keyId",
        reason: "is missing; an encryptedValue is only valid with the key_id of the public key it was sealed for.",
      });
    }
    if (typeof encryptedValue !== "string" || !BASE64.test(encryptedValue)) {
      problems.push({
        field: "encryptedValue",
        reason: "is not standard base64; give the output of `npx pulumi-github-secrets seal --key KEY`.",
      });
      return undefined;
    }
    const bytes = Buffer.from(encryptedValue, "base64").length;
    if (bytes < SEAL_OVERHEAD_BYTES + 1) {
      problems.push({
        field: "encryptedValue",
        reason: `decodes to ${bytes} bytes, but a value sealed with crypto_box_seal is at least ${SEAL_OVERHEAD_BYTES + 1}; this looks like an unsealed value. Seal it with \`npx pulumi-github-secrets seal --key KEY\`, or pass it as plaintextValue.`,
      });
      return undefined;
    }
    if (bytes > MAX_VALUE_BYTES + SEAL_OVERHEAD_BYTES) {
      problems.push({ field: "encryptedValue", reason: `seals a value over GitHub's 48 KB limit.` });
      return undefined;
    }
    return problems.length > 0 ? undefined : { kind: "sealed", encryptedValue, keyId: keyId as string };
  }
  if (news.valueFingerprint === IMPORTED_FINGERPRINT) return "imported";
  problems.push({ field: "plaintextValue", reason: "is missing; give plaintextValue, or encryptedValue with keyId." });
  return undefined;
}
