import { defaultFixture, emulatorControl, startEmulator, type Emulator } from "../../emulator";
import { declaredStack, type Declared } from "../../programs/declared-stack";
import { engineTimeout } from "../support/engine-timeout";

// Bad input through the engine: each case gets an error naming the resource and the field and
// saying what to do; what can be checked locally sends nothing; no message holds the value; the
// state is left as it was.
const TOKEN = "bad-input-token";
const CANARY = "canary-bad-input-7d1e";
const sealedLooking = Buffer.alloc(60, 7).toString("base64");
let emulator: Emulator;
let stack: Awaited<ReturnType<typeof declaredStack>>;

const requests = async () => (await emulatorControl(emulator.url).requests()).length;
const good: Declared = {
  kind: "RepoSecret",
  name: "good",
  args: { owner: "octo-org", repository: "hello-world", secretName: "GOOD" },
  value: "good value",
};
// Already in the state, so that the cases that pair a selection with them change nothing else.
const toAll: Declared = {
  kind: "OrgSecret",
  name: "to-all",
  args: { org: "octo-org", secretName: "TO_ALL", visibility: "all" },
  value: "v",
};
const toSome: Declared = {
  kind: "OrgSecret",
  name: "to-some",
  args: { org: "octo-org", secretName: "TO_SOME", visibility: "selected", selectedRepositories: [1296269] },
  value: "v",
};
const baseline = [good, toAll, toSome];
// `value` null: the program gives no value at all.
const repo = (args: Record<string, unknown>, value: string | null = CANARY): Declared => ({
  kind: "RepoSecret",
  name: "bad",
  args: { owner: "octo-org", repository: "hello-world", secretName: "BAD", ...args },
  value: value ?? undefined,
});
const env = (args: Record<string, unknown>): Declared => ({
  kind: "EnvSecret",
  name: "bad",
  args: { owner: "octo-org", repository: "hello-world", environment: "production", secretName: "BAD", ...args },
  value: CANARY,
});
const org = (args: Record<string, unknown>): Declared => ({
  kind: "OrgSecret",
  name: "bad",
  args: { org: "octo-org", secretName: "BAD", visibility: "all", ...args },
  value: CANARY,
});
const selection = (args: Record<string, unknown>): Declared => ({
  kind: "OrgSecretRepoSelection",
  name: "bad-selection",
  args: { org: "octo-org", secretName: "BAD", repositories: [1296269], ...args },
});

interface Case {
  what: string;
  declare: Declared[];
  /** Stack config to set (or remove, with null) for this case only. */
  config?: Record<string, string | null>;
  /** Checked before any request. */
  local: boolean;
  error: RegExp;
}

const cases: Case[] = [
  {
    what: "a name with a dash",
    declare: [repo({ secretName: "BAD-NAME" })],
    local: true,
    error:
      /RepoSecret octo-org\/hello-world\/BAD-NAME: invalid inputs[\s\S]*- secretName: .*only letters, digits and underscores.*"BAD_NAME"/,
  },
  {
    what: "a name with a space",
    declare: [repo({ secretName: "BAD NAME" })],
    local: true,
    error: /- secretName: .*only letters, digits and underscores/,
  },
  {
    what: "a name with a dot",
    declare: [repo({ secretName: "BAD.NAME" })],
    local: true,
    error: /- secretName: .*only letters, digits and underscores/,
  },
  {
    what: "a leading digit",
    declare: [repo({ secretName: "9LIVES" })],
    local: true,
    error: /- secretName: "9LIVES" starts with a digit.*rename it/,
  },
  {
    what: "the GITHUB_ prefix",
    declare: [repo({ secretName: "GITHUB_TOKEN" })],
    local: true,
    error: /- secretName: "GITHUB_TOKEN" starts with GITHUB_, a prefix GitHub reserves; choose another name/,
  },
  {
    what: "the GITHUB_ prefix in mixed case",
    declare: [repo({ secretName: "GitHub_Token" })],
    local: true,
    error: /- secretName: .*starts with GITHUB_/,
  },
  {
    what: "an empty name",
    declare: [repo({ secretName: "" })],
    local: true,
    error: /- secretName: is missing; give the secret's name/,
  },
  {
    what: "an owner with a slash",
    declare: [repo({ owner: "octo-org/hello-world" })],
    local: true,
    error: /- owner: .*not a GitHub login.*without a URL or slash/,
  },
  {
    what: "a repository given as owner/name",
    declare: [repo({ repository: "octo-org/hello-world" })],
    local: true,
    error: /- repository: .*give the name alone, without the owner/,
  },
  {
    what: "no value",
    declare: [repo({}, null)],
    local: true,
    error: /- plaintextValue: is missing; give plaintextValue, or encryptedValue with keyId/,
  },
  {
    what: "an empty value",
    declare: [repo({}, "")],
    local: true,
    error: /- plaintextValue: is empty; GitHub stores no empty secrets/,
  },
  {
    what: "a value over 48 KB",
    declare: [repo({}, CANARY + "x".repeat(48 * 1024))],
    local: true,
    error: /- plaintextValue: is 49\d{3} bytes; GitHub's limit is 48 KB/,
  },
  {
    what: "an encrypted value that is not base64",
    declare: [repo({ encryptedValue: `${CANARY}!`, keyId: "1" }, null)],
    local: true,
    error: /- encryptedValue: is not standard base64; give the output of `npx pulumi-github-secrets seal --key KEY`/,
  },
  {
    what: "an encrypted value shorter than 48 bytes",
    declare: [repo({ encryptedValue: Buffer.from(CANARY).toString("base64"), keyId: "1" }, null)],
    local: true,
    error: /- encryptedValue: decodes to \d+ bytes, but a value sealed with crypto_box_seal is at least 49/,
  },
  {
    what: "an encrypted value without keyId",
    declare: [repo({ encryptedValue: sealedLooking }, null)],
    local: true,
    error: /- keyId: is missing; an encryptedValue is only valid with the key_id/,
  },
  {
    what: "both a value and an encrypted value",
    declare: [repo({ encryptedValue: sealedLooking, keyId: "1" })],
    local: true,
    error: /- plaintextValue: is given together with encryptedValue; give one of them/,
  },
  {
    what: "an unknown onDrift policy",
    declare: [repo({ onDrift: "panic" })],
    local: true,
    error: /- onDrift: is "panic"; give one of "overwrite", "ignore", "fail"/,
  },
  {
    what: "an import ID of another secret",
    declare: [{ ...repo({}), import: "octo-org/hello-world/OTHER" }],
    local: true,
    error: /- import: is "octo-org\/hello-world\/OTHER", but these inputs name "octo-org\/hello-world\/BAD"/,
  },
  {
    what: "an environment name already percent-encoded",
    declare: [env({ environment: "prod%2Feu" })],
    local: true,
    error: /EnvSecret [\s\S]*- environment: "prod%2Feu" looks percent-encoded/,
  },
  {
    what: "an empty environment",
    declare: [env({ environment: "" })],
    local: true,
    error: /- environment: is missing/,
  },
  {
    what: "repositories with visibility all",
    declare: [org({ selectedRepositories: [1296269] })],
    local: true,
    error: /OrgSecret octo-org\/BAD: invalid inputs[\s\S]*- selectedRepositories: is given, but visibility is "all"/,
  },
  {
    what: "repositories with visibility private",
    declare: [org({ visibility: "private", selectedRepositories: ["octo-org/hello-world"] })],
    local: true,
    error: /- selectedRepositories: is given, but visibility is "private"; .*Set visibility to "selected"/,
  },
  {
    what: "an unknown visibility",
    declare: [org({ visibility: "internal" })],
    local: true,
    error: /- visibility: is "internal"; give "all", "private" or "selected"/,
  },
  {
    what: "a repository of another organization",
    declare: [org({ visibility: "selected", selectedRepositories: ["other-org/app"] })],
    local: true,
    error: /- selectedRepositories\[0\]: "other-org\/app" belongs to other-org, not to the organization octo-org/,
  },
  {
    what: "a repository name without its owner",
    declare: [org({ visibility: "selected", selectedRepositories: ["hello-world"] })],
    local: true,
    error:
      /- selectedRepositories\[0\]: "hello-world" is neither a repository id nor `owner\/name`.*"octo-org\/hello-world"/,
  },
  {
    what: "a repository id that is not positive",
    declare: [org({ visibility: "selected", selectedRepositories: [0] })],
    local: true,
    error: /- selectedRepositories\[0\]: 0 is not a repository id/,
  },
  {
    what: "a selection for a secret declared with visibility all",
    declare: [{ ...selection({ secretName: "TO_ALL" }), dependsOn: ["to-all"] }],
    local: true,
    error: /OrgSecretRepoSelection octo-org\/TO_ALL: invalid inputs[\s\S]*visibility is "all".*would answer 409/,
  },
  {
    what: "a selection and selectedRepositories for one secret",
    declare: [{ ...selection({ secretName: "TO_SOME" }), dependsOn: ["to-some"] }],
    local: true,
    error:
      /- repositories: would manage the selected repositories of octo-org\/TO_SOME, which OrgSecret octo-org\/TO_SOME manages already/,
  },
  {
    what: "two resources declaring the same secret",
    declare: [{ ...repo({ secretName: "good" }), name: "good-again" }],
    local: true,
    error:
      /RepoSecret "good-again" declares the secret octo-org\/hello-world\/GOOD, which RepoSecret "good" declares already/,
  },
  {
    what: "a base URL without a scheme",
    declare: [repo({})],
    config: { "github:baseUrl": "github.example.com/api/v3" },
    local: true,
    error:
      /github:baseUrl is "github\.example\.com\/api\/v3", which is not a URL; give the API's address with its scheme, e\.g\. https:\/\/github\.example\.com\/api\/v3.*Nothing was sent to GitHub/,
  },
  {
    what: "a missing token",
    declare: [repo({})],
    config: { "github:token": null },
    local: true,
    error:
      /RepoSecret octo-org\/hello-world\/BAD: no GitHub token. Set one with `pulumi config set --secret github:token TOKEN`/,
  },
  {
    what: "an unknown repository",
    declare: [repo({ repository: "no-such-repo" })],
    local: false,
    error:
      /RepoSecret octo-org\/no-such-repo\/BAD: fetching the public key failed: GitHub answered 404.*GitHub does not know the repository octo-org\/no-such-repo/,
  },
  {
    what: "an unknown environment",
    declare: [env({ environment: "staging" })],
    local: false,
    error:
      /GitHub does not know the environment "staging" of octo-org\/hello-world \(environments are created in the repository's settings\)/,
  },
  {
    what: "an unknown organization",
    declare: [org({ org: "no-such-org" })],
    local: false,
    error:
      /OrgSecret no-such-org\/BAD: fetching the public key failed: GitHub answered 404.*GitHub does not know the organization no-such-org/,
  },
  {
    what: "an unknown repository in selectedRepositories",
    declare: [org({ visibility: "selected", selectedRepositories: ["octo-org/gone"] })],
    local: false,
    error: /OrgSecret octo-org\/BAD: selectedRepositories names "octo-org\/gone", which GitHub does not know/,
  },
  {
    what: "a rejected token (401)",
    declare: [repo({})],
    config: { "github:token": "not-a-token" },
    local: false,
    error:
      /RepoSecret octo-org\/hello-world\/BAD: fetching the public key failed: GitHub answered 401: "Bad credentials".*pulumi config set --secret github:token/,
  },
  {
    what: "a token without permission (403)",
    declare: [repo({})],
    config: { "github:token": "read-only-token" },
    local: false,
    error:
      /RepoSecret octo-org\/hello-world\/BAD: writing the secret failed: GitHub answered 403.*"Secrets: read and write"/,
  },
];

beforeAll(async () => {
  const fixture = defaultFixture();
  fixture.tokens = [{ token: TOKEN }, { token: "read-only-token", access: "read" }];
  emulator = await startEmulator({ port: 0, fixture });
  stack = await declaredStack(emulator.url, TOKEN);
  await stack.declare(baseline);
  expect((await stack.up()).exitCode).toBe(0);
}, engineTimeout(60_000));
afterAll(async () => {
  stack.remove();
  await emulator.close();
});

test(`the table has at least 30 cases (it has ${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(30));

// The secrets in the state, decrypted (each save encrypts anew), in URN order (the CLI may save them in another
// order after a failed run); the default provider's inputs are the stack config, which some cases change.
const secretsInState = async () =>
  (await stack.exported(true)).resources
    .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"))
    .map(({ urn, inputs, outputs }) => ({ urn, inputs, outputs }))
    .sort((a, b) => a.urn.localeCompare(b.urn));

// Only the token is a secret: the CLI shows a secret config value as "[secret]" wherever it appears in the output,
// so an error quoting a base URL set as a secret would quote "[secret]".
const setConfig = (key: string, value: string) =>
  stack.run("config", "set", ...(key === "github:token" ? ["--secret"] : []), key, value);

test.each(cases)(
  "$what",
  async ({ declare, config, local, error }) => {
    const stateBefore = await secretsInState();
    for (const [key, value] of Object.entries(config ?? {})) {
      await (value === null ? stack.run("config", "rm", key) : setConfig(key, value));
    }
    try {
      await stack.declare([...baseline, ...declare]);
      const before = await requests();
      const result = await stack.up();
      const printed = result.stdout + result.stderr;
      expect({ exitCode: result.exitCode, printed: result.exitCode === 1 ? "" : printed }).toEqual({
        exitCode: 1,
        printed: "",
      });
      expect(printed).toMatch(error);
      expect(printed).not.toContain(CANARY);
      if (local) expect(await requests()).toBe(before);
      expect(await secretsInState()).toEqual(stateBefore);
    } finally {
      const restored: Record<string, string> = { "github:token": TOKEN, "github:baseUrl": emulator.url };
      for (const key of Object.keys(config ?? {})) await setConfig(key, restored[key]);
    }
  },
  engineTimeout(60_000),
);

test(
  "more secrets declared for one repository than GitHub allows are refused at preview, before any request",
  async () => {
    // Whichever is checked 101st: older @pulumi/pulumi versions register a program's resources out of order.
    const many = Array.from({ length: 101 }, (_, i): Declared => ({
      ...repo({ secretName: `MANY_${i}` }),
      name: `many-${i}`,
      value: "v",
    }));
    await stack.declare(many);
    const before = await requests();
    const preview = await stack.preview();
    expect(preview.exitCode).toBe(1);
    expect(preview.stdout).toMatch(
      /RepoSecret octo-org\/hello-world\/MANY_\d+: invalid inputs[\s\S]*- secretName: is secret number 101 that this program declares for the repository octo-org\/hello-world; GitHub allows at most 100 there/,
    );
    expect(await requests()).toBe(before);
  },
  engineTimeout(60_000),
);
