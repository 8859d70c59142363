import { randomUUID } from "node:crypto";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { defaultFixture, emulatorControl, startEmulator, type Emulator, type EmulatorControl } from "../../emulator";
import { byName, declaredStack, type Declared } from "../../programs/declared-stack";
import { engineTimeout } from "../support/engine-timeout";
import { expectNoneOf } from "../support/program-emulator";

// Every operation with canary values, then every artifact searched for each canary and for the
// token: the state with secrets shown decrypted, the config and provider log files, everything
// printed (errors included) and the serialized provider.
const TOKEN = `ghp_canary${randomUUID().replace(/-/g, "")}`;
const canaries: string[] = [];
const canary = () => {
  const value = `canary-${randomUUID()}`;
  canaries.push(value);
  return value;
};
let emulator: Emulator;
let control: EmulatorControl;
const pastPulumisWrite = () => new Promise((resolve) => setTimeout(resolve, 2100));

beforeAll(async () => {
  const fixture = defaultFixture();
  fixture.tokens = [{ token: TOKEN, user: "octocat" }];
  fixture.secrets = [
    { scope: "repo", owner: "octo-org", repository: "spoon-knife", name: "ADOPTED", value: "before" },
    { scope: "org", owner: "octo-org", name: "FROM_FILE", value: "before", visibility: "all" },
  ];
  emulator = await startEmulator({ port: 0, fixture });
  control = emulatorControl(emulator.url);
});
afterAll(() => emulator.close());

test(
  "no canary value and not the token in any artifact, across every operation",
  async () => {
    const stack = await declaredStack(emulator.url, TOKEN, undefined, "environment");
    const exports: string[] = [];
    const errors: string[] = [];
    try {
      const shared = canary();
      const resources = (values: Record<string, string>, rename = false): Declared[] => [
        {
          kind: "RepoSecret",
          name: "repo",
          args: { owner: "octo-org", repository: "hello-world", secretName: rename ? "RENAMED" : "REPO_SECRET" },
          value: values.repo,
        },
        {
          kind: "RepoSecret",
          name: "twin",
          args: { owner: "octo-org", repository: "spoon-knife", secretName: "TWIN" },
          value: values.repo,
        },
        {
          kind: "EnvSecret",
          name: "env",
          args: { owner: "octo-org", repository: "hello-world", environment: "prod/eu west", secretName: "ENV_SECRET" },
          value: values.env,
        },
        {
          kind: "OrgSecret",
          name: "org",
          args: { org: "octo-org", secretName: "ORG_SECRET", visibility: "selected" },
          value: values.org,
        },
        {
          kind: "OrgSecretRepoSelection",
          name: "readers",
          args: { org: "octo-org", secretName: "ORG_SECRET", repositories: ["octo-org/hello-world"] },
          dependsOn: ["org"],
        },
        {
          kind: "RepoSecret",
          name: "adopted",
          args: { owner: "octo-org", repository: "spoon-knife", secretName: "ADOPTED" },
          value: values.adopted,
          import: "octo-org/spoon-knife/ADOPTED",
        },
        // Dependabot's and Codespaces' secrets, sealed for their own keys by the same code.
        {
          kind: "DependabotRepoSecret",
          name: "dependabot-repo",
          args: { owner: "octo-org", repository: "hello-world", secretName: "DEPENDABOT_SECRET" },
          value: values.dependabot,
        },
        {
          kind: "DependabotOrgSecret",
          name: "dependabot-org",
          args: { org: "octo-org", secretName: "DEPENDABOT_ORG", visibility: "selected" },
          value: values.dependabot,
        },
        {
          kind: "DependabotOrgSecretRepoSelection",
          name: "dependabot-readers",
          args: { org: "octo-org", secretName: "DEPENDABOT_ORG", repositories: ["octo-org/hello-world"] },
          dependsOn: ["dependabot-org"],
        },
        {
          kind: "CodespacesRepoSecret",
          name: "codespaces-repo",
          args: { owner: "octo-org", repository: "hello-world", secretName: "CODESPACES_SECRET" },
          value: values.codespaces,
        },
        {
          kind: "CodespacesOrgSecret",
          name: "codespaces-org",
          args: {
            org: "octo-org",
            secretName: "CODESPACES_ORG",
            visibility: "selected",
            selectedRepositories: ["octo-org/spoon-knife"],
          },
          value: values.codespaces,
        },
        {
          kind: "CodespacesUserSecret",
          name: "user",
          args: { secretName: "USER_SECRET", selectedRepositories: ["octo-org/hello-world"] },
          value: values.user,
        },
      ];

      // create (with an import by option), then the same values again
      const created = { env: canary(), org: canary(), adopted: canary(), dependabot: canary(), codespaces: canary() };
      await stack.declare(resources({ repo: shared, ...created, user: canary() }));
      expect((await stack.up()).exitCode).toBe(0);
      const state = byName(await stack.exported(true), "RepoSecret");
      expect(state.repo.outputs.valueFingerprint).not.toBe(state.twin.outputs.valueFingerprint);
      exports.push(JSON.stringify(await stack.exported(true)));

      // update every value, then replace one secret
      const next = {
        repo: canary(),
        env: canary(),
        org: canary(),
        adopted: canary(),
        dependabot: canary(),
        codespaces: canary(),
        user: canary(),
      };
      await stack.declare(resources(next));
      expect((await stack.up()).exitCode).toBe(0);
      await stack.declare(resources(next, true));
      expect((await stack.up()).exitCode).toBe(0);

      // failures: a value for a repository that does not exist, and one too large to send
      await stack.declare([
        ...resources(next, true),
        {
          kind: "RepoSecret",
          name: "nowhere",
          args: { owner: "octo-org", repository: "nowhere", secretName: "X" },
          value: canary(),
        },
      ]);
      const missing = await stack.up();
      errors.push(missing.stdout + missing.stderr);
      expect(missing.exitCode).toBe(1);
      await stack.declare([
        ...resources(next, true),
        {
          kind: "RepoSecret",
          name: "huge",
          args: { owner: "octo-org", repository: "hello-world", secretName: "HUGE" },
          value: canary() + "x".repeat(50_000),
        },
      ]);
      const huge = await stack.preview();
      errors.push(huge.stdout + huge.stderr);
      expect(huge.exitCode).toBe(1);

      // drift and refresh
      await stack.declare(resources(next, true));
      await pastPulumisWrite();
      await control.upsertSecret({
        scope: "repo",
        owner: "octo-org",
        repository: "hello-world",
        name: "RENAMED",
        value: canary(),
      });
      expect((await stack.refresh()).exitCode).toBe(0);
      expect((await stack.up()).exitCode).toBe(0);
      exports.push(JSON.stringify(await stack.exported(true)));
      // The canaries are real: GitHub opened exactly these values.
      const values = new Map((await control.secrets()).map((s) => [s.name, s.value]));
      expect([
        values.get("RENAMED"),
        values.get("ENV_SECRET"),
        values.get("ORG_SECRET"),
        values.get("ADOPTED"),
        values.get("DEPENDABOT_SECRET"),
        values.get("CODESPACES_ORG"),
        values.get("USER_SECRET"),
      ]).toEqual([next.repo, next.env, next.org, next.adopted, next.dependabot, next.codespaces, next.user]);

      // an import file, then the program that declares what it imported
      const file = join(stack.dir, "import.json");
      const cli = join(__dirname, "..", "..", "dist", "cli", "index.js");
      const printed = await promisify(execFile)(
        process.execPath,
        [cli, "import-file", "--org", "octo-org", "--out", file],
        {
          env: { ...process.env, GITHUB_TOKEN: TOKEN, GITHUB_API_URL: emulator.url },
        },
      );
      errors.push(printed.stdout + printed.stderr);
      const { readFileSync, writeFileSync } = await import("node:fs");
      const entries = JSON.parse(readFileSync(file, "utf8"));
      entries.resources = entries.resources.filter((r: { id: string }) => r.id === "octo-org/FROM_FILE");
      writeFileSync(file, JSON.stringify(entries));
      expect(
        (await stack.run("import", "--file", file, "--yes", "--protect=false", "--generate-code=false")).exitCode,
      ).toBe(0);
      await stack.declare([
        ...resources(next, true),
        {
          kind: "OrgSecret",
          name: "from-file",
          args: { org: "octo-org", secretName: "FROM_FILE", visibility: "all" },
          value: canary(),
        },
      ]);
      expect((await stack.up()).exitCode).toBe(0);
      exports.push(JSON.stringify(await stack.exported(true)));
      const provider: string = byName(await stack.exported(), "RepoSecret").repo.inputs.__provider;

      expect((await stack.destroy()).exitCode).toBe(0);
      expect((await control.secrets()).map((s) => s.name)).toEqual([]);

      const artifacts = {
        exports: exports.join("\n"),
        files: stack.files().join("\n"),
        printed: stack.printed(),
        errors: errors.join("\n"),
        provider,
      };
      expectNoneOf([...canaries, TOKEN], artifacts);
      expect(errors.join("\n")).toMatch(/GitHub does not know the repository octo-org\/nowhere/);
      expect(errors.join("\n")).toMatch(/- plaintextValue: is 50\d{3} bytes/);
    } finally {
      stack.remove();
    }
  },
  engineTimeout(180_000),
);
