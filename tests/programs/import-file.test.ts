import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { defaultFixture, emulatorControl, startEmulator, type Emulator, type EmulatorControl } from "../../emulator";
import { byName, declaredStack } from "../../programs/declared-stack";
import { engineTimeout } from "../support/engine-timeout";

// `npx pulumi-github-secrets import-file` then `pulumi import --file` (the harness's), then the
// program it printed, as printed: the first up writes the values it reads from the environment
// once, the next one sends nothing, and the values are nowhere in the stack's files.
const CLI = join(__dirname, "..", "..", "dist", "cli", "index.js");
let emulator: Emulator;
let control: EmulatorControl;

beforeAll(async () => {
  const fixture = defaultFixture();
  fixture.secrets = [
    {
      scope: "org",
      owner: "octo-org",
      name: "SHARED",
      value: "before",
      visibility: "selected",
      selected_repository_ids: [1300192],
    },
    { scope: "org", owner: "octo-org", name: "EVERYONE", value: "before", visibility: "all" },
    {
      scope: "repo",
      app: "dependabot",
      owner: "octo-org",
      repository: "hello-world",
      name: "NPM_TOKEN",
      value: "before",
    },
    {
      scope: "user",
      app: "codespaces",
      owner: "octocat",
      name: "DOTFILES",
      value: "before",
      selected_repository_ids: [1296269],
    },
  ];
  emulator = await startEmulator({ port: 0, fixture });
  control = emulatorControl(emulator.url);
});
afterAll(() => emulator.close());

test(
  "an import file brings a scope's secrets into the state without a read, and the printed program takes over",
  async () => {
    const values = { SHARED: "canary-import-shared", EVERYONE: "canary-import-everyone" };
    const stack = await declaredStack(emulator.url, "emulator-token", undefined, "config", { SHARED: values.SHARED });
    try {
      const file = join(stack.dir, "import.json");
      const { stdout: code, stderr: steps } = await promisify(execFile)(
        process.execPath,
        [CLI, "import-file", "--org", "octo-org", "--out", file],
        {
          env: { ...process.env, GITHUB_TOKEN: "emulator-token", GITHUB_API_URL: emulator.url },
        },
      );
      expect(code).toContain('new OrgSecret("shared", {');
      expect(steps).toContain(
        "run `pulumi up` with the environment variables EVERYONE and SHARED set to the secrets' values:",
      );

      const imported = await stack.run("import", "--file", file, "--yes", "--generate-code=false");
      expect(imported.exitCode).toBe(0);
      expect(imported.stdout).toMatch(/= 2 imported/);
      const state = byName(await stack.exported(), "OrgSecret");
      expect(state.shared).toMatchObject({
        id: "octo-org/SHARED",
        outputs: { visibility: "selected", selectedRepositoryIds: [1300192] },
      });

      writeFileSync(join(stack.dir, "index.ts"), code);
      const emulated = async () =>
        (await control.secrets()).filter((s) => s.app === "actions").map((s) => [s.name, s.value, s.visibility]);

      // A variable left unset stops the program before anything is sent, and names the variable.
      const missing = await stack.up();
      expect(missing.exitCode).not.toBe(0);
      expect(missing.stdout + missing.stderr).toContain(
        "Set the environment variable EVERYONE to the value of the EVERYONE secret.",
      );
      expect(await emulated()).toEqual([
        ["EVERYONE", "before", "all"],
        ["SHARED", "before", "selected"],
      ]);

      // The harness's environment over the test process's, which is the only one left to extend.
      process.env.EVERYONE = values.EVERYONE;
      const first = await stack.up();
      expect(first.exitCode).toBe(0);
      expect(first.stdout).toMatch(/~ 2 updated/);
      expect(first.stdout).not.toMatch(/created|replaced|deleted/);
      expect(await emulated()).toEqual([
        ["EVERYONE", values.EVERYONE, "all"],
        ["SHARED", values.SHARED, "selected"],
      ]);

      const before = (await control.requests()).length;
      expect((await stack.up()).stdout).toMatch(/3 unchanged/);
      expect((await control.requests()).length).toBe(before);

      const kept = JSON.stringify(await stack.exported(true)) + stack.files().join("\n");
      for (const value of Object.values(values)) expect(kept).not.toContain(value);
    } finally {
      delete process.env.EVERYONE;
      stack.remove();
    }
  },
  engineTimeout(90_000),
);

test(
  "import-file --app and --user: another application's secrets and the user's own, imported as their kinds",
  async () => {
    const stack = await declaredStack(emulator.url, "emulator-token");
    const importFile = async (name: string, ...args: string[]) => {
      const file = join(stack.dir, name);
      const { stdout } = await promisify(execFile)(process.execPath, [CLI, "import-file", ...args, "--out", file], {
        env: { ...process.env, GITHUB_TOKEN: "emulator-token", GITHUB_API_URL: emulator.url },
      });
      const imported = await stack.run("import", "--file", file, "--yes", "--protect=false", "--generate-code=false");
      expect(imported.exitCode).toBe(0);
      return stdout;
    };
    try {
      const dependabot = await importFile("dependabot.json", "--repo", "octo-org/hello-world", "--app", "dependabot");
      expect(dependabot).toContain('new DependabotRepoSecret("npm-token", {');
      const user = await importFile("user.json", "--user", "--app", "codespaces");
      expect(user).toContain('new CodespacesUserSecret("dotfiles", {');
      expect(byName(await stack.exported(), "DependabotRepoSecret")["npm-token"]).toMatchObject({
        id: "octo-org/hello-world/NPM_TOKEN",
      });
      expect(byName(await stack.exported(), "CodespacesUserSecret").dotfiles).toMatchObject({
        id: "DOTFILES",
        outputs: { selectedRepositoryIds: [1296269] },
      });

      // The printed program of the user's secrets takes over: its first up writes the value once.
      writeFileSync(join(stack.dir, "index.ts"), user);
      process.env.DOTFILES = "canary-import-dotfiles";
      const first = await stack.up();
      expect(first.stdout).toMatch(/~ 1 updated/);
      expect(first.stdout).toMatch(/- 1 deleted/);
      const values = (await control.secrets()).filter((s) => s.app !== "actions").map((s) => [s.app, s.name, s.value]);
      expect(values).toContainEqual(["codespaces", "DOTFILES", "canary-import-dotfiles"]);

      // Unknown applications and scopes an application lacks are refused before any request.
      const refused = promisify(execFile)(
        process.execPath,
        [
          CLI,
          "import-file",
          "--repo",
          "octo-org/hello-world",
          "--environment",
          "production",
          "--app",
          "dependabot",
          "--out",
          "x",
        ],
        { env: { ...process.env, GITHUB_TOKEN: "emulator-token", GITHUB_API_URL: emulator.url } },
      );
      await expect(refused).rejects.toMatchObject({
        stderr: expect.stringMatching(/GitHub has no dependabot secrets for an environment/),
      });
    } finally {
      delete process.env.DOTFILES;
      stack.remove();
    }
  },
  engineTimeout(90_000),
);
