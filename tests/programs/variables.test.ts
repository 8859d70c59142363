import { randomUUID } from "node:crypto";
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { byName } from "../../programs/declared-stack";
import { engineTimeout } from "../support/engine-timeout";
import { expectNoneOf, pastPulumisWrite, useProgramEmulator } from "../support/program-emulator";

// Actions variables through the engine (the harness, or the real CLI with PULUMI_GITHUB_SECRETS_ENGINE=cli): the
// `variables` program, the real provider host, the emulator over HTTP. Each step's requests are counted.
const TOKEN = `token-canary-${randomUUID()}`;
const PROGRAM = join(__dirname, "../../programs/variables");
const HELLO = 1296269;
const SPOON = 1300192;
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";
const github = useProgramEmulator(TOKEN);
const { requestCount, writesSince } = github;
const since = github.sentSince;

interface DeclaredVariable {
  kind: "RepoVariable" | "EnvVariable" | "OrgVariable" | "OrgVariableRepoSelection" | "VariableSet";
  name: string;
  args: Record<string, unknown>;
  import?: string;
  dependsOn?: string[];
  secret?: boolean;
  value?: string;
}

const values = async () =>
  Object.fromEntries(
    (await github.control.variables()).map((v) => [
      [v.owner, v.repository, v.environment, v.name].filter((p) => p !== null).join("/"),
      v.value,
    ]),
  );
// A step line or a count of changes in the summary.
const CHANGES = /^ [+~-]|\d+ (created|updated|replaced|deleted)\b/m;

async function newStack() {
  const stack = await github.newStack(PROGRAM);
  return {
    ...stack,
    declare: (resources: DeclaredVariable[]) => stack.declare(resources),
  };
}

const repoVariable = (value: string, extra: Partial<DeclaredVariable> = {}, name = "REGION"): DeclaredVariable => ({
  kind: "RepoVariable",
  name: "region",
  args: { owner: "octo-org", repository: "hello-world", variableName: name },
  value,
  ...extra,
});
const envVariable = (value: string, name = "DB_HOST"): DeclaredVariable => ({
  kind: "EnvVariable",
  name: "db-host",
  args: { owner: "octo-org", repository: "hello-world", environment: "prod/eu west", variableName: name },
  value,
});
const orgVariable = (value: string, args: Record<string, unknown> = {}, name = "SHARED"): DeclaredVariable => ({
  kind: "OrgVariable",
  name: "shared",
  args: { org: "octo-org", variableName: name, visibility: "selected", selectedRepositories: [HELLO], ...args },
  value,
});

test(
  "RepoVariable, EnvVariable and OrgVariable: create, no change, value change, rename, refresh, destroy; a secret value stays secret",
  async () => {
    const stack = await newStack();
    const canary = `canary-${randomUUID()}`;
    await stack.declare([
      repoVariable(canary, { secret: true }),
      envVariable("db.internal"),
      orgVariable("shared value"),
    ]);

    // Create: one POST each.
    let mark = await requestCount();
    const created = await stack.up();
    expect(created.exitCode).toBe(0);
    expect(created.stdout).toMatch(/\+ 4 created/);
    expect(await since(mark)).toEqual(
      expect.arrayContaining([
        "POST /repos/octo-org/hello-world/actions/variables",
        "POST /repos/octo-org/hello-world/environments/prod%2Feu%20west/variables",
        "POST /orgs/octo-org/actions/variables",
      ]),
    );
    expect((await since(mark)).length).toBe(3);
    expect(await values()).toEqual({
      "octo-org/hello-world/REGION": canary,
      "octo-org/hello-world/prod/eu west/DB_HOST": "db.internal",
      "octo-org/SHARED": "shared value",
    });

    // The state keeps each value; the one given as a secret is encrypted there, in inputs and outputs.
    const state = byName(await stack.exported(), "RepoVariable");
    for (const side of ["inputs", "outputs"]) {
      expect(state.region[side].value).toMatchObject({
        [SECRET_SIGNATURE]: expect.any(String),
        ciphertext: expect.any(String),
      });
    }
    const envState = byName(await stack.exported(), "EnvVariable")["db-host"];
    expect(envState.outputs.value).toBe("db.internal");

    // No change: not a single request.
    mark = await requestCount();
    const again = await stack.up();
    expect(again.exitCode).toBe(0);
    expect(again.stdout).not.toMatch(CHANGES);
    expect(await requestCount()).toBe(mark);

    // A new value: one PATCH each.
    const canary2 = `canary-${randomUUID()}`;
    await stack.declare([
      repoVariable(canary2, { secret: true }),
      envVariable("db2.internal"),
      orgVariable("shared value 2"),
    ]);
    mark = await requestCount();
    const updated = await stack.up();
    expect(updated.stdout).toMatch(/~ 3 updated/);
    expect((await since(mark)).sort()).toEqual([
      "PATCH /orgs/octo-org/actions/variables/SHARED",
      "PATCH /repos/octo-org/hello-world/actions/variables/REGION",
      "PATCH /repos/octo-org/hello-world/environments/prod%2Feu%20west/variables/DB_HOST",
    ]);
    expect((await values())["octo-org/hello-world/REGION"]).toBe(canary2);

    // A rename replaces, deleting first.
    await stack.declare([
      repoVariable(canary2, { secret: true }, "ZONE"),
      envVariable("db2.internal", "DB_ADDR"),
      orgVariable("shared value 2", {}, "COMMON"),
    ]);
    mark = await requestCount();
    const replaced = await stack.up();
    expect(replaced.stdout).toMatch(/\+-3 replaced/);
    const renames = await since(mark);
    expect(renames).toHaveLength(6);
    for (const [deleted, createdAt] of [
      [
        "DELETE /repos/octo-org/hello-world/actions/variables/REGION",
        "POST /repos/octo-org/hello-world/actions/variables",
      ],
      ["DELETE /orgs/octo-org/actions/variables/SHARED", "POST /orgs/octo-org/actions/variables"],
    ])
      expect(renames.indexOf(deleted)).toBeLessThan(renames.indexOf(createdAt));
    expect(Object.keys(await values()).sort()).toEqual([
      "octo-org/COMMON",
      "octo-org/hello-world/ZONE",
      "octo-org/hello-world/prod/eu west/DB_ADDR",
    ]);

    // Changed outside Pulumi: refresh (one GET each, and the org variable's list) reports drift, never the value;
    // the next up writes the program's value back with one PATCH.
    await pastPulumisWrite();
    const outside = `outside-${randomUUID()}`;
    await github.control.upsertVariable({
      scope: "repo",
      owner: "octo-org",
      repository: "hello-world",
      name: "ZONE",
      value: outside,
    });
    mark = await requestCount();
    expect((await stack.refresh()).exitCode).toBe(0);
    const refreshRequests = await since(mark);
    expect(refreshRequests.every((r) => r.startsWith("GET "))).toBe(true);
    // `refresh --yes` previews first, and the preview reads every resource as the refresh then does: 2 × 4 GETs.
    expect(refreshRequests).toHaveLength(8);
    const refreshed = byName(await stack.exported(), "RepoVariable").region.outputs;
    expect(refreshed.drift).toMatch(/^the value was changed outside Pulumi/);
    expect(JSON.stringify(await stack.exported(true))).not.toContain(outside);
    mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/~ 1 updated/);
    expect(await since(mark)).toEqual(["PATCH /repos/octo-org/hello-world/actions/variables/ZONE"]);
    expect((await values())["octo-org/hello-world/ZONE"]).toBe(canary2);

    // Destroy: one DELETE each.
    mark = await requestCount();
    expect((await stack.destroy()).exitCode).toBe(0);
    expect((await since(mark)).filter((r) => r.startsWith("DELETE "))).toHaveLength(3);
    expect(await github.control.variables()).toEqual([]);

    // The secret values are in no state file, export (secrets not shown), printed output or log.
    const artifacts = [...stack.files(), stack.printed()];
    for (const needle of [canary, canary2])
      for (const artifact of artifacts) expect(artifact.includes(needle)).toBe(false);
  },
  engineTimeout(180_000),
);

test(
  "import: an existing variable fails create, saying to import; with the import option it is adopted",
  async () => {
    await github.control.upsertVariable({
      scope: "repo",
      owner: "octo-org",
      repository: "hello-world",
      name: "REGION",
      value: "old",
    });
    const stack = await newStack();
    await stack.declare([repoVariable("new")]);
    const refused = await stack.up();
    expect(refused.exitCode).not.toBe(0);
    expect(`${refused.stdout}${refused.stderr}`).toMatch(/import: "octo-org\/hello-world\/REGION"/);
    expect((await values())["octo-org/hello-world/REGION"]).toBe("old");

    // The same value: adopted with one GET and no write.
    await stack.declare([repoVariable("old", { import: "octo-org/hello-world/REGION" })]);
    let mark = await requestCount();
    const adopted = await stack.up();
    expect(adopted.exitCode).toBe(0);
    expect(await since(mark)).toEqual(["GET /repos/octo-org/hello-world/actions/variables/REGION"]);
    expect((await stack.up()).stdout).not.toMatch(CHANGES);

    // Another value: adopted with a GET and one PATCH.
    await github.control.reset();
    await github.control.upsertVariable({
      scope: "org",
      owner: "octo-org",
      name: "SHARED",
      value: "old",
      visibility: "all",
    });
    const other = await newStack();
    await other.declare(
      [orgVariable("new", { visibility: "all", selectedRepositories: undefined }, "SHARED")].map((d) => ({
        ...d,
        import: "octo-org/SHARED",
      })),
    );
    mark = await requestCount();
    expect((await other.up()).exitCode).toBe(0);
    expect(await since(mark)).toEqual([
      "GET /orgs/octo-org/actions/variables/SHARED",
      "PATCH /orgs/octo-org/actions/variables/SHARED",
    ]);
    expect((await values())["octo-org/SHARED"]).toBe("new");
    mark = await requestCount();
    expect((await other.destroy()).exitCode).toBe(0);
    expect(await since(mark)).toEqual(["DELETE /orgs/octo-org/actions/variables/SHARED"]);
  },
  engineTimeout(120_000),
);

test(
  "OrgVariableRepoSelection: create, no change, change, refresh after an outside change, destroy",
  async () => {
    const stack = await newStack();
    const selection = (repositories: unknown[], variableName = "SHARED"): DeclaredVariable => ({
      kind: "OrgVariableRepoSelection",
      name: "shared-repos",
      args: { org: "octo-org", variableName, repositories },
      dependsOn: ["shared"],
    });
    const variable = orgVariable("v", { selectedRepositories: undefined });
    await stack.declare([variable, selection([HELLO])]);
    let mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/\+ 3 created/);
    expect(await writesSince(mark)).toEqual([
      "POST /orgs/octo-org/actions/variables",
      "PUT /orgs/octo-org/actions/variables/SHARED/repositories",
    ]);
    expect(await github.control.variables()).toMatchObject([{ selected_repository_ids: [HELLO] }]);

    mark = await requestCount();
    expect((await stack.up()).stdout).not.toMatch(CHANGES);
    expect(await requestCount()).toBe(mark);

    await stack.declare([variable, selection([HELLO, SPOON])]);
    mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/~ 1 updated/);
    expect(await writesSince(mark)).toEqual([`PUT /orgs/octo-org/actions/variables/SHARED/repositories/${SPOON}`]);

    await github.control.upsertVariable({
      scope: "org",
      owner: "octo-org",
      name: "SHARED",
      value: "v",
      visibility: "selected",
      selected_repository_ids: [SPOON],
    });
    expect((await stack.refresh()).exitCode).toBe(0);
    expect(byName(await stack.exported(), "OrgVariableRepoSelection")["shared-repos"].outputs.drift).toMatch(
      /selected repositories on GitHub are \[1300192\]/,
    );
    mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/~ 1 updated/);
    expect(await writesSince(mark)).toEqual(["PUT /orgs/octo-org/actions/variables/SHARED/repositories"]);
    expect(await github.control.variables()).toMatchObject([{ selected_repository_ids: [HELLO, SPOON] }]);

    // A rename of the selection's variable replaces it: the old list's repositories removed first.
    await stack.declare(
      [variable, orgVariable("w", { selectedRepositories: undefined }, "OTHER"), selection([HELLO], "OTHER")].map(
        (d, i) => (i === 1 ? { ...d, name: "other" } : i === 2 ? { ...d, dependsOn: ["other"] } : d),
      ),
    );
    mark = await requestCount();
    const replaced = await stack.up();
    expect(replaced.stdout).toMatch(/\+-1 replaced/);
    const writes = await writesSince(mark);
    expect(writes.indexOf(`DELETE /orgs/octo-org/actions/variables/SHARED/repositories/${HELLO}`)).toBeLessThan(
      writes.indexOf("PUT /orgs/octo-org/actions/variables/OTHER/repositories"),
    );

    mark = await requestCount();
    expect((await stack.destroy()).exitCode).toBe(0);
    expect(await github.control.variables()).toEqual([]);
  },
  engineTimeout(150_000),
);

test(
  "VariableSet: create, no change, value change, rename, refresh, destroy; .env errors name the line",
  async () => {
    const stack = await newStack();
    const set = (vars: Record<string, string>): DeclaredVariable => ({
      kind: "VariableSet",
      name: "app",
      args: { owner: "octo-org", repository: "hello-world", values: vars },
    });
    await stack.declare([set({ REGION: "eu", TIER: "gold" })]);
    let mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/\+ 4 created/);
    expect(await since(mark)).toEqual([
      "POST /repos/octo-org/hello-world/actions/variables",
      "POST /repos/octo-org/hello-world/actions/variables",
    ]);

    mark = await requestCount();
    expect((await stack.up()).stdout).not.toMatch(CHANGES);
    expect(await requestCount()).toBe(mark);

    await stack.declare([set({ REGION: "us", TIER: "gold" })]);
    mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/~ 1 updated/);
    expect(await since(mark)).toEqual(["PATCH /repos/octo-org/hello-world/actions/variables/REGION"]);

    // A renamed entry is another child: the new one created, the old one deleted.
    await stack.declare([set({ ZONE: "us", TIER: "gold" })]);
    mark = await requestCount();
    const renamed = await stack.up();
    expect(renamed.stdout).toMatch(/\+ 1 created/);
    expect(renamed.stdout).toMatch(/- 1 deleted/);
    expect((await since(mark)).sort()).toEqual([
      "DELETE /repos/octo-org/hello-world/actions/variables/REGION",
      "POST /repos/octo-org/hello-world/actions/variables",
    ]);

    await pastPulumisWrite();
    await github.control.upsertVariable({
      scope: "repo",
      owner: "octo-org",
      repository: "hello-world",
      name: "TIER",
      value: "tin",
    });
    expect((await stack.refresh()).exitCode).toBe(0);
    mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/~ 1 updated/);
    expect(await since(mark)).toEqual(["PATCH /repos/octo-org/hello-world/actions/variables/TIER"]);
    expect(await values()).toEqual({ "octo-org/hello-world/ZONE": "us", "octo-org/hello-world/TIER": "gold" });

    // A .env file with a bad line: nothing is declared, the error names the line and not the values.
    writeFileSync(join(stack.dir, "vars.env"), "REGION=eu\nnot a pair\nTIER=\n");
    await stack.declare([{ ...set({}), args: { owner: "octo-org", repository: "hello-world", envFile: "vars.env" } }]);
    mark = await requestCount();
    const bad = await stack.up();
    expect(bad.exitCode).not.toBe(0);
    expect(`${bad.stdout}${bad.stderr}`).toMatch(/vars\.env line 2: is not NAME=value/);
    expect(`${bad.stdout}${bad.stderr}`).toMatch(/vars\.env line 3 \(the value of TIER\): is empty/);
    expect(await writesSince(mark)).toEqual([]);

    writeFileSync(join(stack.dir, "vars.env"), "ZONE=us\nTIER=gold\n");
    mark = await requestCount();
    expect((await stack.up()).stdout).not.toMatch(CHANGES);
    expect(await requestCount()).toBe(mark);

    mark = await requestCount();
    expect((await stack.destroy()).exitCode).toBe(0);
    expect((await since(mark)).filter((r) => r.startsWith("DELETE "))).toHaveLength(2);
    expect(await github.control.variables()).toEqual([]);
  },
  engineTimeout(150_000),
);

test(
  "import-file --variables: the scope's variables imported with their values; the printed program changes nothing",
  async () => {
    const seeded = { scope: "org" as const, owner: "octo-org" };
    await github.control.upsertVariable({ ...seeded, name: "TO_ALL", value: "everyone", visibility: "all" });
    await github.control.upsertVariable({
      ...seeded,
      name: "TO_SPOON",
      value: "spoon only",
      visibility: "selected",
      selected_repository_ids: [SPOON],
    });
    const stack = await newStack();
    const file = join(stack.dir, "import.json");
    const cli = join(__dirname, "..", "..", "dist", "cli", "index.js");
    const { stdout: code, stderr: steps } = await promisify(execFile)(
      process.execPath,
      [cli, "import-file", "--variables", "--org", "octo-org", "--out", file],
      { env: { ...process.env, GITHUB_TOKEN: TOKEN, GITHUB_API_URL: github.url } },
    );
    expect(steps).toMatch(/^Wrote 2 OrgVariable entries to /);
    expect(code).toContain('new OrgVariable("to-spoon", {');
    expect(code).toContain('value: "spoon only",');

    let mark = await requestCount();
    const imported = await stack.run("import", "--file", file, "--yes", "--generate-code=false");
    expect(imported.exitCode).toBe(0);
    expect(imported.stdout).toMatch(/= 2 imported/);
    expect(await requestCount()).toBe(mark);
    expect(byName(await stack.exported(), "OrgVariable")["to-spoon"]).toMatchObject({
      id: "octo-org/TO_SPOON",
      outputs: { value: "spoon only", visibility: "selected", selectedRepositoryIds: [SPOON] },
    });

    writeFileSync(join(stack.dir, "index.ts"), code);
    await stack.declare([]);
    mark = await requestCount();
    const up = await stack.up();
    expect(up.exitCode).toBe(0);
    expect(up.stdout).not.toMatch(CHANGES);
    expect(await requestCount()).toBe(mark);

    mark = await requestCount();
    expect((await stack.destroy()).exitCode).toBe(0);
    expect((await since(mark)).filter((r) => r.startsWith("DELETE "))).toHaveLength(2);
  },
  engineTimeout(120_000),
);

test(
  "leak canaries: secret-valued variables of every kind, through every operation, are in no file or output in the clear",
  async () => {
    const stack = await newStack();
    const canaries: string[] = [];
    const canary = () => {
      const value = `canary-${randomUUID()}`;
      canaries.push(value);
      return value;
    };
    const resources = (v: Record<string, string>, rename = false): DeclaredVariable[] => [
      { ...repoVariable(v.repo, { secret: true }, rename ? "RENAMED" : "REGION") },
      { ...envVariable(v.env), secret: true },
      { ...orgVariable(v.org, { selectedRepositories: undefined }), secret: true },
      {
        kind: "OrgVariableRepoSelection",
        name: "readers",
        args: { org: "octo-org", variableName: "SHARED", repositories: ["octo-org/hello-world"] },
        dependsOn: ["shared"],
      },
      {
        kind: "VariableSet",
        name: "set",
        args: { owner: "octo-org", repository: "spoon-knife" },
        value: JSON.stringify({ SET_ONE: v.set }),
        secret: true,
      },
    ];
    const first = { repo: canary(), env: canary(), org: canary(), set: canary() };
    await stack.declare(resources(first));
    expect((await stack.up()).exitCode).toBe(0);
    const next = { repo: canary(), env: canary(), org: canary(), set: canary() };
    await stack.declare(resources(next));
    expect((await stack.up()).exitCode).toBe(0);
    await stack.declare(resources(next, true));
    expect((await stack.up()).exitCode).toBe(0);

    // Failures: a value too large (refused at check) and a repository that does not exist.
    await stack.declare([
      ...resources(next, true),
      { ...repoVariable(canary() + "x".repeat(50_000), { secret: true, name: "huge" }, "HUGE") },
    ]);
    expect((await stack.preview()).exitCode).not.toBe(0);
    await stack.declare([
      ...resources(next, true),
      {
        ...repoVariable(canary(), { secret: true, name: "nowhere" }, "X"),
        args: { owner: "octo-org", repository: "nowhere", variableName: "X" },
      },
    ]);
    expect((await stack.up()).exitCode).not.toBe(0);

    // Drift and refresh, then the program's values back.
    await stack.declare(resources(next, true));
    await pastPulumisWrite();
    await github.control.upsertVariable({
      scope: "repo",
      owner: "octo-org",
      repository: "hello-world",
      name: "RENAMED",
      value: canary(),
    });
    expect((await stack.refresh()).exitCode).toBe(0);
    expect((await stack.up()).exitCode).toBe(0);
    // The canaries are real: GitHub holds exactly these values.
    expect(await values()).toMatchObject({
      "octo-org/hello-world/RENAMED": next.repo,
      "octo-org/hello-world/prod/eu west/DB_HOST": next.env,
      "octo-org/SHARED": next.org,
      "octo-org/spoon-knife/SET_ONE": next.set,
    });
    // In the state, every value is a secret (encrypted).
    const exported = await stack.exported();
    for (const r of exported.resources.filter((r) => /Variable$/.test(r.type) && r.outputs?.value !== undefined))
      expect(r.outputs.value).toMatchObject({ [SECRET_SIGNATURE]: expect.any(String), ciphertext: expect.any(String) });
    const exportedText = JSON.stringify(exported);
    expect((await stack.destroy()).exitCode).toBe(0);

    expectNoneOf(canaries, { export: exportedText, files: stack.files().join("\n"), printed: stack.printed() });
  },
  engineTimeout(180_000),
);
