import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { defaultFixture, emulatorControl, startEmulator, type Emulator, type EmulatorControl } from "../../emulator";
import { declaredStack } from "../../programs/declared-stack";
import { engineTimeout } from "../support/engine-timeout";

// SecretSet through the harness: a .env file and a map, against the emulator over HTTP.
const TOKEN = `token-canary-${randomUUID()}`;
const PROGRAM = join(__dirname, "..", "..", "programs", "secret-set");
let emulator: Emulator;
let control: EmulatorControl;
let stack: Awaited<ReturnType<typeof declaredStack>>;

const secretsOnGitHub = async () =>
  Object.fromEntries(
    (await control.secrets()).map((s) => [
      `${s.repository ?? s.owner}/${s.name}`,
      s.visibility ? `${s.value} (${s.visibility})` : s.value,
    ]),
  );
const requestCount = async () => (await control.requests()).length;
const requestsSince = async (n: number) => (await control.requests()).slice(n).map((r) => `${r.method} ${r.path}`);

const canaries: string[] = [];
const canary = () => {
  const value = `canary-${randomUUID()}`;
  canaries.push(value);
  return value;
};
// A step line (` +  name`, ` ~ `, ` +- `, ` - `) or a count of changes in the summary.
const CHANGES = /^ [+~-]|\d+ (created|updated|replaced|deleted)\b/m;
const SECRETS = "/repos/octo-org/hello-world/actions/secrets";
/** What programs/secret-set declares: its stack config `sets`. */
const declareSets = (sets: object[]) => stack.run("config", "set", "sets", JSON.stringify(sets));

beforeAll(async () => {
  const fixture = defaultFixture();
  fixture.tokens = [{ token: TOKEN }];
  emulator = await startEmulator({ port: 0, fixture });
  control = emulatorControl(emulator.url);
  stack = await declaredStack(emulator.url, TOKEN, PROGRAM);
});
afterAll(async () => {
  stack.remove();
  await emulator.close();
  for (const key of Object.keys(process.env)) if (key.startsWith("VALUE_SHARED_")) delete process.env[key];
});

test(
  "SecretSet through the engine: .env and map, one request per line added or removed, none for a reorder, bad lines stop it, nothing leaked",
  async () => {
    const values = { deploy: canary(), db: canary(), api: canary(), key: canary(), escaped: canary(), added: canary() };
    const lines = {
      comment: "# hello-world's deployment secrets",
      deploy: `export DEPLOY_TOKEN=${values.deploy}   # the token of the deploy bot`,
      db: `DB_PASSWORD='${values.db} # not a comment'`,
      api: `API_KEY="${values.api}"`,
      key: `PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\n${values.key}\n-----END PRIVATE KEY-----"`,
      escaped: `ESCAPED="${values.escaped}\\nsecond line"`,
      added: `ADDED=${values.added}`,
    };
    const envFile = (...chosen: string[]) => writeFileSync(join(stack.dir, "secrets.env"), chosen.join("\n") + "\n");
    await declareSets([
      { name: "app", args: { owner: "octo-org", repository: "hello-world", envFile: "secrets.env" } },
      {
        name: "shared",
        args: { org: "octo-org", visibility: "all" },
        valuesFromEnvironment: ["SHARED_ONE", "SHARED_TWO"],
      },
    ]);
    process.env.VALUE_SHARED_ONE = canary();
    process.env.VALUE_SHARED_TWO = canary();

    // up: every entry decrypts on GitHub to exactly the value meant.
    envFile(lines.comment, lines.deploy, "", lines.db, lines.api, lines.key, lines.escaped);
    const created = await stack.up();
    expect(created.stderr).toBe("");
    expect(created.stdout).toMatch(/\+ 10 created/);
    expect(await secretsOnGitHub()).toEqual({
      "hello-world/DEPLOY_TOKEN": values.deploy,
      "hello-world/DB_PASSWORD": `${values.db} # not a comment`,
      "hello-world/API_KEY": values.api,
      "hello-world/PRIVATE_KEY": `-----BEGIN PRIVATE KEY-----\n${values.key}\n-----END PRIVATE KEY-----`,
      "hello-world/ESCAPED": `${values.escaped}\nsecond line`,
      "octo-org/SHARED_ONE": `${process.env.VALUE_SHARED_ONE} (all)`,
      "octo-org/SHARED_TWO": `${process.env.VALUE_SHARED_TWO} (all)`,
    });

    // One line more: one PUT (after the scope's public key), nothing else.
    envFile(lines.comment, lines.deploy, "", lines.db, lines.added, lines.api, lines.key, lines.escaped);
    let mark = await requestCount();
    const added = await stack.up();
    expect(added.stdout).toMatch(/\+ 1 created/);
    expect(await requestsSince(mark)).toEqual([`GET ${SECRETS}/public-key`, `PUT ${SECRETS}/ADDED`]);
    expect((await secretsOnGitHub())["hello-world/ADDED"]).toBe(values.added);

    // One line less: one DELETE.
    envFile(lines.comment, lines.deploy, "", lines.added, lines.api, lines.key, lines.escaped);
    mark = await requestCount();
    const removed = await stack.up();
    expect(removed.stdout).toMatch(/- 1 deleted/);
    expect(await requestsSince(mark)).toEqual([`DELETE ${SECRETS}/DB_PASSWORD`]);
    expect((await secretsOnGitHub())["hello-world/DB_PASSWORD"]).toBeUndefined();

    // The lines in another order, and a name in another case: no change, no request.
    envFile(
      lines.escaped,
      lines.key,
      lines.api.replace("API_KEY", "api_key"),
      lines.added,
      lines.comment,
      lines.deploy,
    );
    mark = await requestCount();
    const reordered = await stack.up();
    expect(reordered.exitCode).toBe(0);
    expect(reordered.stdout).not.toMatch(CHANGES);
    expect(await requestCount()).toBe(mark);

    // Lines dotenv would skip or misread stop the program: each named, nothing sent, no value shown.
    envFile(
      lines.deploy.replace(values.deploy, canary()),
      "NOT A LINE",
      `=${canary()}`,
      lines.api,
      `BROKEN="${canary()}`,
    );
    mark = await requestCount();
    const broken = await stack.up();
    expect(broken.exitCode).toBe(1);
    const said = broken.stdout + broken.stderr;
    expect(said).toContain('SecretSet "app": invalid inputs, nothing was sent to GitHub:');
    expect(said).toContain(
      "  - secrets.env line 2: is not NAME=value; give a name (letters, digits and _), = and the value, or make it a comment starting with #.",
    );
    expect(said).toContain("  - secrets.env line 3: is not NAME=value");
    expect(said).toContain(
      '  - secrets.env line 5: BROKEN opens a value with " that no later line closes; end the value with " at the end of a line.',
    );
    expect(await requestCount()).toBe(mark);

    const exported = await stack.exported(true);
    expect((await stack.destroy()).exitCode).toBe(0);
    expect(await secretsOnGitHub()).toEqual({});

    // No value anywhere: the state with secrets shown, the config and provider log, everything printed.
    // The token, given as secret stack config, is only where the engine itself keeps the stack config:
    // the inputs of the default dynamic provider.
    const ours = exported.resources.filter((r) => r.type !== "pulumi:providers:pulumi-nodejs");
    const artifacts = { state: JSON.stringify(ours), files: stack.files().join("\n"), printed: stack.printed() };
    const withProvider = { ...artifacts, state: JSON.stringify(exported) };
    for (const needle of [...canaries, TOKEN]) {
      for (const [where, text] of Object.entries(needle === TOKEN ? artifacts : withProvider)) {
        expect(`${where}: ${text.includes(needle) ? `holds ${needle}` : "clean"}`).toBe(`${where}: clean`);
      }
    }
  },
  engineTimeout(120_000),
);

test(
  "a line moved from one set to another is written by the new one and not deleted by the old one",
  async () => {
    const moved = canary();
    const stay = canary();
    const files = (app: string[], ops: string[]) => {
      writeFileSync(join(stack.dir, "app.env"), app.join("\n") + "\n");
      writeFileSync(join(stack.dir, "ops.env"), ops.join("\n") + "\n");
    };
    await declareSets([
      { name: "app", args: { owner: "octo-org", repository: "hello-world", envFile: "app.env" } },
      { name: "ops", args: { owner: "octo-org", repository: "hello-world", envFile: "ops.env" } },
    ]);
    files([`MOVED=${moved}`], [`STAY=${stay}`]);
    expect((await stack.up()).exitCode).toBe(0);

    // The engine creates ops-MOVED (a PUT) before it deletes app-MOVED: the same secret on GitHub.
    files([], [`STAY=${stay}`, `MOVED=${moved}`]);
    const mark = await requestCount();
    const result = await stack.up();
    expect(result.stdout).toMatch(/\+ 1 created/);
    expect(result.stdout).toMatch(/- 1 deleted/);
    expect(await requestsSince(mark)).toEqual([`GET ${SECRETS}/public-key`, `PUT ${SECRETS}/MOVED`]);
    expect(await secretsOnGitHub()).toEqual({ "hello-world/MOVED": moved, "hello-world/STAY": stay });
    expect((await stack.destroy()).exitCode).toBe(0);
  },
  engineTimeout(120_000),
);

test(
  "apps: adding dependabot and codespaces to a set creates only their secrets and leaves the Actions ones untouched",
  async () => {
    const one = canary();
    const two = canary();
    writeFileSync(join(stack.dir, "apps.env"), `ONE=${one}\nTWO=${two}\n`);
    const set = (apps?: string[]) =>
      declareSets([
        {
          name: "multi",
          args: { owner: "octo-org", repository: "hello-world", envFile: "apps.env", ...(apps && { apps }) },
        },
      ]);
    await set();
    // The stack (the test before destroyed it), the set and its two secrets.
    expect((await stack.up()).stdout).toMatch(/\+ 4 created/);
    // What an update of a child would change (the salt's ciphertext differs on every export: a fresh nonce).
    const untouched = (r: { urn: string; id?: string; outputs?: any }) => [
      r.urn,
      r.id,
      (r as { modified?: string }).modified,
      r.outputs.valueFingerprint,
      r.outputs.writtenAt,
    ];
    // By URN: the CLI's export may list the children in another order after an update.
    const actionsChildren = (resources: Array<{ urn: string; type: string }>) =>
      resources
        .filter((r) => r.type.endsWith(":RepoSecret"))
        .map(untouched)
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const before = actionsChildren((await stack.exported()).resources);

    await set(["actions", "dependabot", "codespaces"]);
    const mark = await requestCount();
    const result = await stack.up();
    expect(result.stdout).toMatch(/\+ 4 created/);
    expect(result.stdout).not.toMatch(/replaced|deleted|updated/);
    expect((await requestsSince(mark)).sort()).toEqual([
      "GET /repos/octo-org/hello-world/codespaces/secrets/public-key",
      "GET /repos/octo-org/hello-world/dependabot/secrets/public-key",
      "PUT /repos/octo-org/hello-world/codespaces/secrets/ONE",
      "PUT /repos/octo-org/hello-world/codespaces/secrets/TWO",
      "PUT /repos/octo-org/hello-world/dependabot/secrets/ONE",
      "PUT /repos/octo-org/hello-world/dependabot/secrets/TWO",
    ]);
    const after = (await stack.exported()).resources;
    // The Actions children keep their names, IDs and states.
    expect(actionsChildren(after)).toEqual(before);
    expect(after.map((r) => r.urn.split("::").pop()).sort()).toEqual(
      expect.arrayContaining(["multi-ONE", "multi-TWO", "multi-dependabot-ONE", "multi-codespaces-TWO"]),
    );
    expect(
      (await control.secrets()).map((s) => `${s.app}/${s.name}=${s.value === one ? "one" : "two"}`).sort(),
    ).toEqual([
      "actions/ONE=one",
      "actions/TWO=two",
      "codespaces/ONE=one",
      "codespaces/TWO=two",
      "dependabot/ONE=one",
      "dependabot/TWO=two",
    ]);

    // An application that has no secrets for the scope is refused before any request.
    await declareSets([
      {
        name: "multi",
        args: {
          owner: "octo-org",
          repository: "hello-world",
          environment: "production",
          envFile: "apps.env",
          apps: ["dependabot"],
        },
      },
    ]);
    const refused = await stack.preview();
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/apps\[0\]: is dependabot, which has no environment secrets/);
    await set(["actions", "dependabot", "codespaces"]);
    expect((await stack.destroy()).exitCode).toBe(0);
    expect(await control.secrets()).toEqual([]);
  },
  engineTimeout(120_000),
);
