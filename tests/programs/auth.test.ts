import { generateKeyPairSync, randomUUID } from "node:crypto";
import {
  defaultFixture,
  emulatorControl,
  startEmulator,
  type Emulator,
  type EmulatorControl,
  type RequestRecord,
} from "../../emulator";
import { byName, declaredStack, type Declared } from "../../programs/declared-stack";
import { engineTimeout } from "../support/engine-timeout";

// Authentication through the harness against an emulator serving under GitHub Enterprise Server's
// /api/v3: a GitHub App installation (from secret stack config, or from the GITHUB_APP_* variables)
// and a token; then the mistakes, each said before any request or naming what to check. Neither the
// app's private key nor an installation token may show up in the state, a file or anything printed.
const APP_ID = 31337;
const INSTALLATION_ID = 4242;
const READ_ONLY_INSTALLATION_ID = 4343;
const TOKEN = `ghp_canary${randomUUID().replace(/-/g, "")}`;
const appKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
// As GitHub hands it out: PKCS#1, "BEGIN RSA PRIVATE KEY".
const PEM = appKey.privateKey.export({ type: "pkcs1", format: "pem" }).toString();
// The key's base64 body, line by line, and the lines as written with \n escapes; and the same key
// in the PKCS#8 form the provider converts it to.
const PKCS8 = appKey.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const keyCanaries = [
  ...PEM.trim().split("\n").slice(1, -1),
  PEM.trim().replace(/\n/g, "\\n").slice(40, 140),
  ...PKCS8.trim().split("\n").slice(1, -1),
];
const appAuth = (fields: Record<string, unknown> = {}) =>
  JSON.stringify({ id: String(APP_ID), installationId: String(INSTALLATION_ID), pemFile: PEM, ...fields });

let emulator: Emulator;
let control: EmulatorControl;
const requestsSince = async (mark: number): Promise<RequestRecord[]> => (await control.requests()).slice(mark);
const requestCount = async () => (await control.requests()).length;
const secretsOnGitHub = async () => Object.fromEntries((await control.secrets()).map((s) => [s.name, s.value]));
const issuedTokens = async (): Promise<string[]> => (await control.installationTokens()).map((t) => t.token);
const EXCHANGE = `POST /api/v3/app/installations/${INSTALLATION_ID}/access_tokens 201`;
const described = (requests: Array<{ method: string; path: string; status: number }>) =>
  requests.map((r) => `${r.method} ${r.path} ${r.status}`);

beforeAll(async () => {
  emulator = await startEmulator({
    apiPrefix: "/api/v3",
    fixture: {
      ...defaultFixture(),
      tokens: [{ token: TOKEN }],
      apps: [
        {
          id: APP_ID,
          publicKey: appKey.publicKey.export({ type: "spki", format: "pem" }).toString(),
          installations: [{ id: INSTALLATION_ID }, { id: READ_ONLY_INSTALLATION_ID, access: "read" }],
        },
      ],
    },
  });
  expect(emulator.url).toMatch(/\/api\/v3$/);
  control = emulatorControl(emulator.url);
});
afterAll(() => emulator.close());

/** No needle in any artifact; on failure, where it was found. */
function expectAbsent(needles: string[], artifacts: string[]): void {
  for (const needle of needles) {
    for (const [i, artifact] of artifacts.entries()) {
      const at = artifact.indexOf(needle);
      expect(at === -1 ? "" : `artifact ${i}: ...${artifact.slice(Math.max(0, at - 200), at + 60)}`).toBe("");
    }
  }
}

const repoSecret = (value: string): Declared => ({
  kind: "RepoSecret",
  name: "deploy",
  args: { owner: "octo-org", repository: "hello-world", secretName: "DEPLOY_KEY" },
  value,
});

test(
  "as a GitHub App installation from secret stack config github:appAuth: one token exchange per run at /api/v3, and no key or token kept",
  async () => {
    const stack = await declaredStack(emulator.url, "", undefined, "environment");
    try {
      // As the README says to set it: field by field, the key with --secret (which makes the whole object a secret).
      expect((await stack.run("config", "set", "--path", "github:appAuth.id", String(APP_ID))).exitCode).toBe(0);
      expect(
        (await stack.run("config", "set", "--path", "github:appAuth.installationId", String(INSTALLATION_ID))).exitCode,
      ).toBe(0);
      expect(
        (await stack.run("config", "set", "--secret", "--path", "--", "github:appAuth.pemFile", PEM)).exitCode,
      ).toBe(0);
      const values = [`canary-${randomUUID()}`, `canary-${randomUUID()}`];
      await stack.declare([
        repoSecret(values[0]),
        {
          kind: "OrgSecret",
          name: "registry",
          args: { org: "octo-org", secretName: "REGISTRY", visibility: "all" },
          value: values[1],
        },
      ]);

      let mark = await requestCount();
      const created = await stack.up();
      expect(created.stdout).toMatch(/\+ 3 created/);
      const served = described(await requestsSince(mark));
      expect(served[0]).toBe(EXCHANGE);
      expect(served.filter((r) => r.includes("/access_tokens"))).toHaveLength(1);
      expect(served.every((r) => r.includes(" /api/v3/") && / 20\d$/.test(r))).toBe(true);
      expect(await secretsOnGitHub()).toEqual({ DEPLOY_KEY: values[0], REGISTRY: values[1] });

      // The engine keeps the stack config as the default provider's inputs: github:appAuth there is a secret.
      const exported = await stack.exported();
      const defaultProvider = exported.resources.find((r) => r.type === "pulumi:providers:pulumi-nodejs")!;
      expect(defaultProvider.inputs["github:appAuth"]).toMatchObject({ ciphertext: expect.any(String) });
      const withSecrets = await stack.exported(true);
      const ours = withSecrets.resources.filter((r) => r.type !== "pulumi:providers:pulumi-nodejs");
      // Which also shows the search below would find the key where it is.
      expect(JSON.stringify(withSecrets)).toContain(keyCanaries[1]);
      expect(byName(withSecrets, "RepoSecret").deploy.outputs.valueFingerprint).toMatch(/^hmac-sha256:/);

      mark = await requestCount();
      expect((await stack.destroy()).exitCode).toBe(0);
      expect(described(await requestsSince(mark))[0]).toBe(EXCHANGE);
      expect(await secretsOnGitHub()).toEqual({});

      const tokens = await issuedTokens();
      expect(tokens.length).toBeGreaterThanOrEqual(2);
      // The key: nowhere but, shown decrypted, where the engine keeps the stack config. The tokens: nowhere at all.
      expectAbsent(
        [...keyCanaries, ...values],
        [JSON.stringify(ours), JSON.stringify(exported), ...stack.files(), stack.printed()],
      );
      expectAbsent(tokens, [JSON.stringify(withSecrets), ...stack.files(), stack.printed()]);
    } finally {
      stack.remove();
    }
  },
  engineTimeout(60_000),
);

test(
  "as a GitHub App installation from GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and GITHUB_APP_PEM_FILE (line breaks as \\n), over an ambient GITHUB_TOKEN",
  async () => {
    const stack = await declaredStack(emulator.url, "not-a-token-the-emulator-knows", undefined, "environment", {
      GITHUB_APP_ID: String(APP_ID),
      GITHUB_APP_INSTALLATION_ID: String(INSTALLATION_ID),
      GITHUB_APP_PEM_FILE: PEM.trim().replace(/\n/g, "\\n"),
    });
    try {
      const value = `canary-${randomUUID()}`;
      await stack.declare([
        {
          kind: "EnvSecret",
          name: "db",
          args: {
            owner: "octo-org",
            repository: "hello-world",
            environment: "prod/eu west",
            secretName: "DB_PASSWORD",
          },
          value,
        },
      ]);
      const before = new Set(await issuedTokens());
      const created = await stack.up();
      expect(created.stdout).toMatch(/\+ 2 created/);
      expect(await secretsOnGitHub()).toEqual({ DB_PASSWORD: value });
      const exported = JSON.stringify(await stack.exported(true));
      expect((await stack.destroy()).exitCode).toBe(0);
      const tokens = (await issuedTokens()).filter((token) => !before.has(token));
      expect(tokens).toHaveLength(2);
      // From the environment, the key never reaches the stack config, so not even the default provider's inputs.
      expectAbsent([...keyCanaries, ...tokens, value], [exported, ...stack.files(), stack.printed()]);
    } finally {
      stack.remove();
    }
  },
  engineTimeout(60_000),
);

test(
  "a token at /api/v3; then both credentials, an incomplete github:appAuth and an installation the app lacks, each refused with what to fix",
  async () => {
    const stack = await declaredStack(emulator.url, TOKEN);
    try {
      await stack.declare([repoSecret(`canary-${randomUUID()}`)]);
      let mark = await requestCount();
      expect((await stack.up()).stdout).toMatch(/\+ 2 created/);
      const served = described(await requestsSince(mark));
      expect(served.length).toBeGreaterThan(0);
      expect(served.every((r) => r.includes(" /api/v3/repos/") && / 20\d$/.test(r))).toBe(true);

      // Both in the stack config, then github:appAuth short of its key: refused before any request.
      await stack.run("config", "set", "--secret", "github:appAuth", appAuth());
      await stack.declare([repoSecret(`canary-${randomUUID()}`)]);
      mark = await requestCount();
      const both = await stack.up();
      expect(both.exitCode).toBe(1);
      expect(both.stdout + both.stderr).toContain(
        "The stack config sets both github:token and github:appAuth; keep one",
      );
      await stack.run("config", "rm", "github:token");
      await stack.run(
        "config",
        "set",
        "--secret",
        "github:appAuth",
        JSON.stringify({ id: APP_ID, installationId: INSTALLATION_ID }),
      );
      const incomplete = await stack.preview();
      expect(incomplete.exitCode).toBe(1);
      expect(incomplete.stdout + incomplete.stderr).toContain(
        "github:appAuth has no pemFile (nor is GITHUB_APP_PEM_FILE set)",
      );
      expect(await requestCount()).toBe(mark);

      // An installation the app does not have: the one refused exchange, and the error says what to check.
      await stack.run("config", "set", "--secret", "github:appAuth", appAuth({ installationId: "999" }));
      const lacking = await stack.up();
      expect(lacking.exitCode).toBe(1);
      expect(lacking.stdout + lacking.stderr).toMatch(
        /RepoSecret octo-org\/hello-world\/DEPLOY_KEY: .*GitHub App 31337 could not get an installation token for installation 999: GitHub answered 404: "Not Found"\. The app has no installation 999: check github:appAuth\.installationId/,
      );
      expect(described(await requestsSince(mark))).toEqual(["POST /api/v3/app/installations/999/access_tokens 404"]);

      // An installation that may read secrets but not write them: GitHub's 403, and which permission it needs.
      await stack.run(
        "config",
        "set",
        "--secret",
        "github:appAuth",
        appAuth({ installationId: String(READ_ONLY_INSTALLATION_ID) }),
      );
      const readOnly = await stack.up();
      expect(readOnly.exitCode).toBe(1);
      expect(readOnly.stdout + readOnly.stderr).toMatch(
        /RepoSecret octo-org\/hello-world\/DEPLOY_KEY: .*GitHub answered 403: "Resource not accessible by integration".*a GitHub App installation needs "Secrets: read and write" on the repository/,
      );
      expectAbsent([...keyCanaries, TOKEN], [...stack.files(), stack.printed()]);
    } finally {
      stack.remove();
    }
  },
  engineTimeout(60_000),
);

test(
  "after a token change, refresh and destroy use the config the last up saved, as the CLI does, and say so; --run-program uses the current one",
  async () => {
    const stack = await declaredStack(emulator.url, TOKEN);
    try {
      await stack.declare([repoSecret(`canary-${randomUUID()}`)]);
      expect((await stack.up()).exitCode).toBe(0);
      // A token that no longer works reaches the state with the next up, which fails on it.
      await stack.declare([repoSecret(`canary-${randomUUID()}`)]);
      await stack.run("config", "set", "--secret", "github:token", "ghp_revoked");
      const failed = await stack.up();
      expect(failed.stdout).toMatch(/GitHub answered 401: "Bad credentials"/);

      // Fixed in the stack config: refresh and destroy still configure the provider with the saved one.
      await stack.run("config", "set", "--secret", "github:token", TOKEN);
      for (const command of ["refresh", "destroy"]) {
        const stale = await stack.run(command, "--yes");
        expect(stale.exitCode).toBe(1);
        expect(stale.stdout).toMatch(
          /GitHub answered 401: "Bad credentials".*`pulumi refresh` and `pulumi destroy` use the stack config saved by the last `pulumi up`: a github:token changed since then counts for them only with `--run-program` or after the next `up`/,
        );
      }
      expect((await stack.run("refresh", "--yes", "--run-program")).exitCode).toBe(0);
      // Refresh with the current config saved it, so a plain destroy now uses it too.
      const destroyed = await stack.destroy();
      expect(destroyed.exitCode).toBe(0);
      expect(await secretsOnGitHub()).toEqual({});
    } finally {
      stack.remove();
    }
  },
  engineTimeout(60_000),
);

test(
  "github:token in the stack config without --secret: a warning says it lands in the state as it is and how to fix it, without saying it",
  async () => {
    const stack = await declaredStack(emulator.url, "", undefined, "environment");
    try {
      // --plaintext: without it the CLI refuses a value that looks like a secret for a key named like one.
      expect((await stack.run("config", "set", "--plaintext", "github:token", TOKEN)).exitCode).toBe(0);
      await stack.declare([repoSecret(`canary-${randomUUID()}`)]);
      const plain = await stack.up();
      expect(plain.exitCode).toBe(0);
      expect(plain.stdout).toMatch(
        /warning: github:token is in the stack config in plaintext \(it was set without --secret\).*`pulumi config set --secret github:token TOKEN`/,
      );
      expect(plain.stdout.split(TOKEN)).toHaveLength(1);

      await stack.run("config", "set", "--secret", "github:token", TOKEN);
      const secret = await stack.up();
      expect(secret.exitCode).toBe(0);
      expect(secret.stdout).not.toMatch(/in plaintext/);
    } finally {
      stack.remove();
    }
  },
  engineTimeout(60_000),
);
