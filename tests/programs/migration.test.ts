import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeProgramDir, removeProgramDir } from "../../engine/program-dir";
import { runEngine } from "../../engine/run-engine";
import { TOKEN, useEmulatedGitHub, type EmulatedSecret } from "../support/emulated-github";

// docs/migrating-from-pulumi-github.md, run through the harness against the emulator: one stack, first the
// program before (programs/before-migration: stand-ins for pulumi-github's resources, acting on GitHub as
// they do), then the program after (examples/migrate-from-pulumi-github), both of project
// github-secrets-migration, sharing the state directory as two versions of one program would.
const BEFORE = join(__dirname, "..", "..", "programs", "before-migration");
const AFTER = join(__dirname, "..", "..", "examples", "migrate-from-pulumi-github");
const TIMEOUT = 120_000;

const NAMES = ["RELEASE_TOKEN", "DATABASE_URL", "SONAR_TOKEN", "ARTIFACT_TOKEN"] as const;
const valuesOf = (when: string) =>
  Object.fromEntries(NAMES.map((name) => [name, `${name.toLowerCase()} ${when} the migration`]));
const OLD = valuesOf("before");
const NEW = valuesOf("after");
const LEGACY_TYPE = /^pulumi-nodejs:dynamic\/github:/;
const HELLO_WORLD = 1296269;
const SPOON_KNIFE = 1300192;

const github = useEmulatedGitHub();

async function migrationStack() {
  const before = makeProgramDir(BEFORE);
  const after = makeProgramDir(AFTER);
  const stateDir = join(before, ".state");
  const run = (dir: string, values: Record<string, string>, ...args: string[]) =>
    runEngine([...args, "--cwd", dir, "--state-dir", stateDir], {
      env: { PULUMI_CONFIG_PASSPHRASE: "migration", PULUMI_NODEJS_TRANSPILE_ONLY: "true", GITHUB_TOKEN: "", ...values },
    });
  const ok = async (result: ReturnType<typeof run>) => {
    const r = await result;
    if (r.exitCode !== 0) throw new Error(`exit code ${r.exitCode}\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  const inBefore = (...args: string[]) => ok(run(before, OLD, ...args));
  // In both directories: the harness keeps the stack config in the state directory they share, the CLI beside each
  // Pulumi.yaml (a user migrating edits one directory, which holds both).
  for (const dir of [before, after]) {
    const config = (...args: string[]) => ok(run(dir, {}, "config", "set", ...args));
    await config("github:baseUrl", github.url);
    await config("--secret", "github:token", TOKEN);
    // pulumi-github's owner setting, which the stand-ins read; this package's resources name the owner instead.
    await config("github:owner", "octo-org");
    await config("github:pointsPerMinute", "0");
  }
  return {
    before: inBefore,
    after: (...args: string[]) => ok(run(after, NEW, ...args)),
    /** The program after, its `import` options taken out. */
    dropImports() {
      const file = join(after, "index.ts");
      const source = readFileSync(file, "utf8");
      const stripped = source.replace(/,\s*\{ import: "[^"]+" \}/g, "");
      expect(stripped).not.toContain("{ import: ");
      writeFileSync(file, stripped);
    },
    async exported() {
      const printed = await inBefore("stack", "export", "--show-secrets");
      return JSON.parse(printed.stdout).deployment as {
        resources: Array<{ urn: string; type: string; retainOnDelete?: boolean }>;
      };
    },
    remove() {
      removeProgramDir(before);
      removeProgramDir(after);
    },
  };
}

type Stack = Awaited<ReturnType<typeof migrationStack>>;

/** The four secrets on the emulator, by name. */
async function migratedSecrets(): Promise<Record<string, EmulatedSecret>> {
  return Object.fromEntries(
    (await github.secrets()).filter((s) => (NAMES as readonly string[]).includes(s.name)).map((s) => [s.name, s]),
  );
}

/** The program before, as pulumi-github left it: every secret written, and every value in the state. */
async function deployBefore(stack: Stack): Promise<string[]> {
  await github.reset();
  const r = await stack.before("up", "--yes");
  expect(r.stdout).toContain("+ 6 created");
  const secrets = await migratedSecrets();
  for (const name of NAMES) expect(secrets[name].value).toBe(OLD[name]);
  expect(secrets.ARTIFACT_TOKEN.selected_repository_ids).toEqual([HELLO_WORLD, SPOON_KNIFE]);
  const exported = await stack.exported();
  const values = NAMES.map((name) => OLD[name]);
  expect(values.filter((value) => JSON.stringify(exported).includes(value))).toEqual(values);
  return exported.resources.filter((r) => LEGACY_TYPE.test(r.type)).map((r) => r.urn);
}

/** After a migration done right: each secret there with its new value, no DELETE sent, only the new resources. */
async function expectMigrated(stack: Stack, requestsBefore: number): Promise<void> {
  const secrets = await migratedSecrets();
  expect(Object.keys(secrets).sort()).toEqual([...NAMES].sort());
  for (const name of NAMES) expect(secrets[name].value).toBe(NEW[name]);
  expect(secrets.DATABASE_URL).toMatchObject({ scope: "environment", environment: "production" });
  expect(secrets.SONAR_TOKEN.selected_repository_ids).toEqual([HELLO_WORLD]);
  expect(secrets.ARTIFACT_TOKEN.selected_repository_ids).toEqual([HELLO_WORLD, SPOON_KNIFE]);
  expect((await github.requests()).slice(requestsBefore).filter((r) => r.method === "DELETE")).toEqual([]);

  const exported = await stack.exported();
  expect(exported.resources.map((r) => r.type).sort()).toEqual([
    "pulumi-nodejs:dynamic/github-secrets:EnvSecret",
    "pulumi-nodejs:dynamic/github-secrets:OrgSecret",
    "pulumi-nodejs:dynamic/github-secrets:OrgSecret",
    "pulumi-nodejs:dynamic/github-secrets:OrgSecretRepoSelection",
    "pulumi-nodejs:dynamic/github-secrets:RepoSecret",
    "pulumi:providers:pulumi-nodejs",
    "pulumi:pulumi:Stack",
  ]);
  // pulumi-github kept every value in the state; now none is there, not even encrypted.
  expect(
    [...Object.values(OLD), ...Object.values(NEW)].filter((value) => JSON.stringify(exported).includes(value)),
  ).toEqual([]);
}

/** A test on a stack of its own, removed afterwards. */
function migrationTest(name: string, body: (stack: Stack) => Promise<void>): void {
  test(
    name,
    async () => {
      const stack = await migrationStack();
      try {
        await body(stack);
      } finally {
        stack.remove();
      }
    },
    TIMEOUT,
  );
}

migrationTest(
  "the naive migration, old resources out and new ones in in one up, ends with every secret deleted",
  async (stack) => {
    await deployBefore(stack);
    let requestsBefore = (await github.requests()).length;
    const r = await stack.after("up", "--yes");
    expect(r.stdout).toContain("+ 5 created");
    expect(r.stdout).toContain("- 5 deleted");
    // The engine creates first and deletes last: the new resources write, then the old ones remove.
    const requests = (await github.requests()).slice(requestsBefore);
    const index = (method: string, path: string) => requests.findIndex((q) => q.method === method && q.path === path);
    const release = "/repos/octo-org/hello-world/actions/secrets/RELEASE_TOKEN";
    expect(index("PUT", release)).toBeGreaterThanOrEqual(0);
    expect(index("PUT", release)).toBeLessThan(index("DELETE", release));
    expect(await migratedSecrets()).toEqual({});

    // The guide's way back: a refresh drops what is gone; without the `import` options, an up writes it all again.
    await stack.after("refresh", "--yes");
    requestsBefore = (await github.requests()).length;
    stack.dropImports();
    expect((await stack.after("up", "--yes")).stdout).toContain("+ 5 created");
    await expectMigrated(stack, requestsBefore);
  },
);

migrationTest(
  "step 1 retainOnDelete, step 2 the new resources adopting the secrets: no DELETE, the new values, only new resources",
  async (stack) => {
    await deployBefore(stack);

    // Step 1: the option alone, which only the state records; GitHub hears nothing.
    let requestsBefore = (await github.requests()).length;
    await stack.before("config", "set", "retainOnDelete", "true");
    let r = await stack.before("up", "--yes");
    expect(r.stdout).toContain("6 unchanged");
    expect((await github.requests()).length).toBe(requestsBefore);
    for (const resource of (await stack.exported()).resources) {
      if (LEGACY_TYPE.test(resource.type)) expect(resource.retainOnDelete).toBe(true);
    }

    // Step 2: the program after.
    requestsBefore = (await github.requests()).length;
    r = await stack.after("up", "--yes");
    expect(r.stdout).toContain("+ 5 created");
    // One line a resource: " deleted[retain]", or with the CLI " deleted (0.00s)[retain]" (the step's duration).
    expect(r.stdout.match(/ deleted( \([^)]*\))?\[retain\]/g)).toHaveLength(5);
    await expectMigrated(stack, requestsBefore);

    // Keeping the `import` options afterwards changes nothing.
    requestsBefore = (await github.requests()).length;
    r = await stack.after("up", "--yes");
    expect(r.stdout).toContain("6 unchanged");
    expect((await github.requests()).length).toBe(requestsBefore);
  },
);

migrationTest("or: the old resources out of the state with `state delete`, then the program after", async (stack) => {
  const legacyUrns = await deployBefore(stack);
  expect(legacyUrns).toHaveLength(5);
  let requestsBefore = (await github.requests()).length;
  const r = await stack.before("state", "delete", ...legacyUrns, "--yes");
  expect(r.stdout).toBe("5 resources deleted\n");
  expect((await github.requests()).length).toBe(requestsBefore);
  await stack.after("up", "--yes");
  await expectMigrated(stack, requestsBefore);

  // Taking the `import` options out afterwards changes nothing either.
  requestsBefore = (await github.requests()).length;
  stack.dropImports();
  expect((await stack.after("up", "--yes")).stdout).toContain("6 unchanged");
  expect((await github.requests()).length).toBe(requestsBefore);
});
