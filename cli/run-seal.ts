import { parseArgs } from "node:util";
import { seal } from "../provider/seal";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** `seal --key KEY`: for users who keep only sealed values in their program or config. */
export async function runSeal(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { key: { type: "string" } } });
  if (!values.key) throw new Error("seal needs --key, the scope's public key in base64 (the `key` field of GET .../actions/secrets/public-key).");
  const plaintext = await readStdin();
  if (plaintext === "") throw new Error("seal read an empty value from standard input; GitHub stores no empty secrets.");
  process.stdout.write(`${await seal(values.key, plaintext)}\n`);
}
