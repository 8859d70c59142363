import { parseArgs } from "node:util";
import { seal } from "../core/seal";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const PUBLIC_KEY_BYTES = 32;
// Standard base64 with its padding, as GitHub returns keys: Buffer would also decode URL-safe or
// unpadded text, which libsodium then refuses with nothing but "invalid input".
const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const EXPECTED_KEY =
  "seal --key takes the `key` field of the scope's public key (GET .../actions/secrets/public-key, or getPublicKey): " +
  `standard base64 of a ${PUBLIC_KEY_BYTES}-byte Curve25519 key, 44 characters, not the \`key_id\``;

/**
 * What is wrong with `key` as a public key, or undefined if nothing is. It describes the key by its
 * length only: whatever was pasted by mistake may be a secret itself.
 */
function publicKeyProblem(key: string): string | undefined {
  const given = `The key given is ${key.length} character${key.length === 1 ? "" : "s"}`;
  // GitHub's answer puts a numeric `key_id` next to the `key`; taking one for the other is easy.
  if (/^[0-9]+$/.test(key)) return `${given}, all digits: that looks like the \`key_id\``;
  if (!STANDARD_BASE64.test(key)) return `${given} and not standard base64`;
  const bytes = Buffer.from(key, "base64").length;
  if (bytes !== PUBLIC_KEY_BYTES) return `${given}, which decode to ${bytes} byte${bytes === 1 ? "" : "s"}`;
  return undefined;
}

/** `seal --key KEY`: for users who keep only sealed values in their program or config. */
export async function runSeal(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { key: { type: "string" } } });
  if (!values.key)
    throw new Error(
      "seal needs --key, the scope's public key in base64 (the `key` field of GET .../actions/secrets/public-key).",
    );
  // Checked before standard input is read, so a wrong key fails at once instead of after the value is typed.
  const problem = publicKeyProblem(values.key);
  if (problem) throw new Error(`${EXPECTED_KEY}. ${problem}.`);
  const plaintext = await readStdin();
  if (plaintext === "")
    throw new Error("seal read an empty value from standard input; GitHub stores no empty secrets.");
  process.stdout.write(`${await seal(values.key, plaintext)}\n`);
}
