import { randomUUID } from "node:crypto";
import { defaultFixture, emulatorControl, startEmulator, type Emulator, type EmulatorControl } from "../../emulator";
import { byName, declaredStack, type Declared } from "../../programs/declared-stack";
import { engineTimeout } from "../support/engine-timeout";

// Through the harness: the program, the closure serializer, the real provider host and the engine's
// rules, against the emulator over HTTP.
const TOKEN = `token-canary-${randomUUID()}`;
let emulator: Emulator;
let control: EmulatorControl;
let stack: Awaited<ReturnType<typeof declaredStack>>;

// GitHub's timestamps have whole seconds: a change within a second of Pulumi's own write cannot be
// told apart from it, so a test of drift lets that second pass first.
const pastPulumisWrite = () => new Promise((resolve) => setTimeout(resolve, 2100));
const secretsOnGitHub = async () =>
  Object.fromEntries((await control.secrets()).map((s) => [`${s.repository}/${s.name}`, s.value]));
const requestCount = async () => (await control.requests()).length;
const writesSince = async (n: number) => (await control.requests()).slice(n).filter((r) => r.method !== "GET");

beforeAll(async () => {
  const fixture = defaultFixture();
  fixture.tokens = [{ token: TOKEN }];
  emulator = await startEmulator({ port: 0, fixture });
  control = emulatorControl(emulator.url);
  stack = await declaredStack(emulator.url, TOKEN);
});
afterAll(async () => {
  stack.remove();
  await emulator.close();
});

// A step line (` +  name`, ` ~ `, ` +- `, ` - `) or a count of changes in the summary.
const CHANGES = /^ [+~-]|\d+ (created|updated|replaced|deleted)\b/m;
const canaries: string[] = [];
const canary = () => {
  const value = `canary-${randomUUID()}`;
  canaries.push(value);
  return value;
};
const secret = (name: string, repository: string, secretName: string, value: string): Declared => ({
  kind: "RepoSecret",
  name,
  args: { owner: "octo-org", repository, secretName },
  value,
});

test(
  "RepoSecret through the engine: create, no-op, update, replace, refresh, destroy — with nothing leaked",
  async () => {
    const deploy = canary();
    const npm = canary();
    await stack.declare([
      secret("deploy", "hello-world", "DEPLOY_TOKEN", deploy),
      secret("npm", "spoon-knife", "NPM_TOKEN", npm),
    ]);

    // up creates both, and GitHub decrypts exactly the configured values.
    const created = await stack.up();
    expect(created.exitCode).toBe(0);
    expect(created.stdout).toMatch(/\+ 3 created/);
    expect(await secretsOnGitHub()).toEqual({ "hello-world/DEPLOY_TOKEN": deploy, "spoon-knife/NPM_TOKEN": npm });
    const stackOutputs = (await stack.exported()).resources.find((r) => r.type === "pulumi:pulumi:Stack")!.outputs;
    expect(stackOutputs.updatedAt.deploy).toMatch(/^\d{4}-\d\d-\d\dT/);

    // A second up: no changes, and not a single request to GitHub.
    let mark = await requestCount();
    const again = await stack.up();
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/3 unchanged/);
    expect(again.stdout).not.toMatch(CHANGES);
    expect(await requestCount()).toBe(mark);

    // A new value is one in-place update: one PUT.
    const deploy2 = canary();
    await stack.declare([
      secret("deploy", "hello-world", "DEPLOY_TOKEN", deploy2),
      secret("npm", "spoon-knife", "NPM_TOKEN", npm),
    ]);
    mark = await requestCount();
    const updated = await stack.up();
    expect(updated.stdout).toMatch(/~ 1 updated/);
    expect((await writesSince(mark)).map((r) => `${r.method} ${r.path}`)).toEqual([
      "PUT /repos/octo-org/hello-world/actions/secrets/DEPLOY_TOKEN",
    ]);
    expect((await secretsOnGitHub())["hello-world/DEPLOY_TOKEN"]).toBe(deploy2);

    // A new name replaces: the old secret is deleted first and exactly the new one remains.
    await stack.declare([
      secret("deploy", "hello-world", "DEPLOY_KEY", deploy2),
      secret("npm", "spoon-knife", "NPM_TOKEN", npm),
    ]);
    mark = await requestCount();
    const replaced = await stack.up();
    expect(replaced.stdout).toMatch(/\+-1 replaced/);
    expect((await writesSince(mark)).map((r) => `${r.method} ${r.path}`)).toEqual([
      "DELETE /repos/octo-org/hello-world/actions/secrets/DEPLOY_TOKEN",
      "PUT /repos/octo-org/hello-world/actions/secrets/DEPLOY_KEY",
    ]);
    expect(await secretsOnGitHub()).toEqual({ "hello-world/DEPLOY_KEY": deploy2, "spoon-knife/NPM_TOKEN": npm });

    // A change made outside Pulumi is seen by refresh, and the next up writes the program's value back.
    await pastPulumisWrite();
    await control.upsertSecret({
      scope: "repo",
      owner: "octo-org",
      repository: "spoon-knife",
      name: "NPM_TOKEN",
      value: "set by hand",
    });
    expect((await stack.refresh()).exitCode).toBe(0);
    const refreshed = byName(await stack.exported(), "RepoSecret");
    expect(refreshed.npm.outputs.drift).toMatch(/^changed outside Pulumi at /);
    expect(refreshed.deploy.outputs.drift).toBeUndefined();
    expect((await stack.up()).stdout).toMatch(/~ 1 updated/);
    expect((await secretsOnGitHub())["spoon-knife/NPM_TOKEN"]).toBe(npm);

    // Deleted outside Pulumi: refresh drops it, the next up creates it again.
    await fetch(`${emulator.url}/repos/octo-org/spoon-knife/actions/secrets/NPM_TOKEN`, {
      method: "DELETE",
      headers: { authorization: `token ${TOKEN}` },
    });
    await stack.refresh();
    expect(byName(await stack.exported(), "RepoSecret").npm).toBeUndefined();
    expect((await stack.up()).stdout).toMatch(/\+ 1 created/);
    expect((await secretsOnGitHub())["spoon-knife/NPM_TOKEN"]).toBe(npm);

    // What the state keeps: fingerprints, the salt as a secret, a few lines of provider code.
    const state = byName(await stack.exported(), "RepoSecret");
    expect(state.deploy.inputs.valueFingerprint).toMatch(/^hmac-sha256:/);
    expect(state.deploy.inputs.valueSalt).toMatchObject({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: expect.any(String),
    });
    expect(state.deploy.outputs.valueSalt).toMatchObject({ ciphertext: expect.any(String) });
    const provider: string = state.deploy.inputs.__provider;
    expect(provider).toContain('require("pulumi-github-secrets/dist/provider/index.js")');
    expect(provider.split("\n").length).toBeLessThan(120);

    const exportedWithSecrets = await stack.exported(true);
    const destroyed = await stack.destroy();
    expect(destroyed.exitCode).toBe(0);
    expect(await secretsOnGitHub()).toEqual({});

    // No canary value anywhere: state (also with secrets shown), config and provider log files,
    // everything printed, the serialized provider. The token, given as secret stack config, is in no
    // file in the clear; shown decrypted, it is only where the engine itself keeps the stack config:
    // the inputs of the default dynamic provider.
    const ours = exportedWithSecrets.resources.filter((r) => r.type !== "pulumi:providers:pulumi-nodejs");
    expect(exportedWithSecrets.resources.length - ours.length).toBe(1);
    const artifacts = [JSON.stringify(exportedWithSecrets), ...stack.files(), stack.printed(), provider];
    for (const [needle, where] of [
      ...canaries.map((c) => [c, artifacts] as const),
      [TOKEN, [JSON.stringify(ours), ...stack.files(), stack.printed()]] as const,
    ]) {
      for (const [i, artifact] of where.entries()) {
        const at = artifact.indexOf(needle);
        expect(at === -1 ? "" : `artifact ${i}: ...${artifact.slice(Math.max(0, at - 200), at + 60)}`).toBe("");
      }
    }
  },
  engineTimeout(120_000),
);
