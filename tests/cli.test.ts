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
    const response = await fetch(`${url}/repos/octo-org/hello-world`, {
      headers: { authorization: "Bearer emulator-token" },
    });
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

// GitHub's public-key answer has a numeric `key_id` beside the base64 `key`; libsodium alone would
// answer any other text with "invalid input". The message describes the key by length, never content.
test.each([
  ["the key_id", "568250167242549743", /18 characters, all digits: that looks like the `key_id`\.$/],
  ["text that is not base64", "not-a-key!", /10 characters and not standard base64\.$/],
  ["URL-safe base64", Buffer.alloc(32, 0xff).toString("base64url"), /43 characters and not standard base64\.$/],
  ["base64 of 16 bytes", Buffer.alloc(16, 7).toString("base64"), /24 characters, which decode to 16 bytes\.$/],
])("`seal --key` with %s says what key it takes and exits 2 with nothing on stdout", async (_, key, given) => {
  const { code, stdout, stderr } = await run(["seal", "--key", key], "value").exited;

  expect(code).toBe(2);
  expect(stdout).toBe("");
  expect(stderr).toContain("seal --key takes the `key` field of the scope's public key");
  expect(stderr).toContain("standard base64 of a 32-byte Curve25519 key, 44 characters, not the `key_id`");
  expect(stderr.trim()).toMatch(given);
  expect(stderr).not.toContain(key);
  expect(stderr).not.toMatch(/invalid input/);
});

test("bad usage exits 2 with a message that says what to give", async () => {
  const noKey = await run(["seal"], "x").exited;
  expect(noKey.code).toBe(2);
  expect(noKey.stderr).toMatch(/seal needs --key/);
  const unknown = await run(["sael"]).exited;
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/unknown command "sael"[\s\S]*Usage:/);
});

describe("import-file", () => {
  async function withEmulator<T>(fn: (url: string) => Promise<T>): Promise<T> {
    const { startEmulator, defaultFixture } = await import("../emulator");
    const fixture = defaultFixture();
    fixture.secrets = [
      {
        scope: "org",
        owner: "octo-org",
        name: "SHARED_TOKEN",
        value: "canary-import-1",
        visibility: "selected",
        selected_repository_ids: [1300192],
      },
      {
        scope: "environment",
        owner: "octo-org",
        repository: "hello-world",
        environment: "prod/eu west",
        name: "DB_PASSWORD",
        value: "canary-import-2",
      },
    ];
    const emulator = await startEmulator({ port: 0, fixture });
    try {
      return await fn(emulator.url);
    } finally {
      await emulator.close();
    }
  }

  function runWithEnv(args: string[], env: Record<string, string>) {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    return once(child, "exit").then(([code]) => ({ code, stdout, stderr }));
  }

  test("writes entries with inputs, outputs and a __provider that loads the package by name, and prints the program", async () => {
    const { mkdtempSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const out = path.join(mkdtempSync(path.join(tmpdir(), "import-")), "import.json");
    const result = await withEmulator((url) =>
      runWithEnv(["import-file", "--repo", "octo-org/hello-world", "--environment", "prod/eu west", "--out", out], {
        GITHUB_TOKEN: "emulator-token",
        GITHUB_API_URL: url,
      }),
    );
    expect(result.code).toBe(0);
    const file = JSON.parse(readFileSync(out, "utf8"));
    expect(file.resources).toEqual([
      expect.objectContaining({
        type: "pulumi-nodejs:dynamic/github-secrets:EnvSecret",
        name: "db-password",
        id: "octo-org/hello-world/prod%2Feu%20west/DB_PASSWORD",
        inputs: expect.objectContaining({
          owner: "octo-org",
          repository: "hello-world",
          environment: "prod/eu west",
          secretName: "DB_PASSWORD",
        }),
        outputs: expect.objectContaining({ createdAt: expect.any(String), writtenAt: expect.any(String) }),
      }),
    ]);
    const provider = file.resources[0].inputs.__provider as string;
    expect(provider).toContain('require("pulumi-github-secrets/dist/provider/index.js")');
    expect(provider).not.toContain("emulator-token");
    expect(result.stdout).toContain('new EnvSecret("db-password", {');
    // Values come from the environment, as the README advises: the stack config would put them in the state.
    expect(result.stdout).toContain('plaintextValue: fromEnvironment("DB_PASSWORD"),');
    expect(result.stdout).toContain("function fromEnvironment(name: string): pulumi.Output<string> {");
    expect(result.stdout).toContain(
      "if (!value) throw new Error(`Set the environment variable ${name} to the value of the ${name} secret.`);",
    );
    expect(result.stdout).not.toMatch(/new pulumi\.Config|requireSecret/);
    expect(result.stderr).toContain(
      "run `pulumi up` with the environment variable DB_PASSWORD set to the secret's value:",
    );
    expect(JSON.stringify(file) + result.stdout + result.stderr).not.toContain("canary-import");
  });

  test("organization secrets keep visibility and selected repository ids", async () => {
    const { mkdtempSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const out = path.join(mkdtempSync(path.join(tmpdir(), "import-")), "import.json");
    const result = await withEmulator((url) =>
      runWithEnv(["import-file", "--org", "octo-org", "--out", out], {
        GITHUB_TOKEN: "emulator-token",
        GITHUB_API_URL: url,
      }),
    );
    expect(result.code).toBe(0);
    const [entry] = JSON.parse(readFileSync(out, "utf8")).resources;
    expect(entry).toMatchObject({
      type: "pulumi-nodejs:dynamic/github-secrets:OrgSecret",
      id: "octo-org/SHARED_TOKEN",
    });
    expect(entry.inputs).toMatchObject({ visibility: "selected", selectedRepositories: [1300192] });
    expect(result.stdout).toContain("selectedRepositories: [1300192],");
    expect(result.stdout).toContain('plaintextValue: fromEnvironment("SHARED_TOKEN"),');
  });

  test("without a scope or a token it says what to give", async () => {
    const noScope = await runWithEnv(["import-file", "--out", "x"], { GITHUB_TOKEN: "t" });
    expect(noScope.stderr).toMatch(/needs --org ORG, or --repo OWNER\/REPO/);
    const noToken = await runWithEnv(["import-file", "--org", "octo-org", "--out", "x"], { GITHUB_TOKEN: "" });
    expect(noToken.stderr).toMatch(/reads the token from GITHUB_TOKEN/);
  });
});
