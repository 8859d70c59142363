import { spawn } from "node:child_process";
import { once } from "node:events";
import * as path from "node:path";
import sodium from "libsodium-wrappers";

// The bin as users run it: the built CLI, in its own process.
const CLI = path.join(__dirname, "..", "dist", "cli", "index.js");

function run(args: string[], stdin?: string) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdin.end(stdin);
  const exited = once(child, "exit").then(([code]) => ({ code: code as number, stdout, stderr }));
  return { child, exited, stdout: () => stdout };
}

test("`emulator` prints its base URL on a line of its own once it listens, and serves the API there", async () => {
  const { child, exited, stdout } = run(["emulator", "--port", "0"]);
  try {
    while (!stdout().includes("\n")) await once(child.stdout, "data");
    const url = stdout().split("\n")[0];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${url}/repos/octo-org/hello-world`, { headers: { authorization: "Bearer emulator-token" } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: number }).id).toBe(1296269);
  } finally {
    child.kill("SIGTERM");
  }
  expect((await exited).code).toBe(0);
});

test("`seal --key` seals standard input byte for byte for that key", async () => {
  await sodium.ready;
  const b64 = sodium.base64_variants.ORIGINAL;
  const pair = sodium.crypto_box_keypair();
  const value = "line one\nline two\n";

  const { code, stdout } = await run(["seal", "--key", sodium.to_base64(pair.publicKey, b64)], value).exited;

  expect(code).toBe(0);
  const opened = sodium.crypto_box_seal_open(sodium.from_base64(stdout.trim(), b64), pair.publicKey, pair.privateKey);
  expect(sodium.to_string(opened)).toBe(value);
});

test("bad usage exits 2 with a message that says what to give", async () => {
  const noKey = await run(["seal"], "x").exited;
  expect(noKey.code).toBe(2);
  expect(noKey.stderr).toMatch(/seal needs --key/);
  const unknown = await run(["sael"]).exited;
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/unknown command "sael"[\s\S]*Usage:/);
});
