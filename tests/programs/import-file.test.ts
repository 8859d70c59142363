import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { defaultFixture, startEmulator, type Emulator } from "../../emulator";
import { byName, declaredStack } from "../support/stack";

// `npx pulumi-github-secrets import-file` then `pulumi import --file` (the harness's), then the
// program that declares the imported secrets: the first up writes the program's values once, the
// next one sends nothing.
const CLI = join(__dirname, "..", "..", "dist", "cli", "index.js");
let emulator: Emulator;

beforeAll(async () => {
  const fixture = defaultFixture();
  fixture.secrets = [
    { scope: "org", owner: "octo-org", name: "SHARED", value: "before", visibility: "selected", selected_repository_ids: [1300192] },
    { scope: "org", owner: "octo-org", name: "EVERYONE", value: "before", visibility: "all" },
  ];
  emulator = await startEmulator({ port: 0, fixture });
});
afterAll(() => emulator.close());

test("an import file brings a scope's secrets into the state without a read, and the program takes over", async () => {
  const stack = await declaredStack(emulator.url, "emulator-token");
  try {
    const file = join(stack.dir, "import.json");
    const { stdout: code } = await promisify(execFile)(process.execPath, [CLI, "import-file", "--org", "octo-org", "--out", file], {
      env: { ...process.env, GITHUB_TOKEN: "emulator-token", GITHUB_API_URL: emulator.url },
    });
    expect(code).toContain('new OrgSecret("shared", {');

    const imported = await stack.run("import", "--file", file, "--yes");
    expect(imported.exitCode).toBe(0);
    expect(imported.stdout).toMatch(/= 2 imported/);
    const state = byName(await stack.exported(), "OrgSecret");
    expect(state.shared).toMatchObject({ id: "octo-org/SHARED", outputs: { visibility: "selected", selectedRepositoryIds: [1300192] } });

    await stack.declare([
      { kind: "OrgSecret", name: "shared", args: { org: "octo-org", secretName: "SHARED", visibility: "selected", selectedRepositories: [1300192] }, value: "after" },
      { kind: "OrgSecret", name: "everyone", args: { org: "octo-org", secretName: "EVERYONE", visibility: "all" }, value: "after" },
    ]);
    const first = await stack.up();
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/~ 2 updated/);
    expect(first.stdout).not.toMatch(/created|replaced|deleted/);
    const secrets = (await (await fetch(`${emulator.url}/_emulator/secrets`)).json()) as any[];
    expect(secrets.map((s) => [s.name, s.value, s.visibility])).toEqual([
      ["EVERYONE", "after", "all"],
      ["SHARED", "after", "selected"],
    ]);

    const before = ((await (await fetch(`${emulator.url}/_emulator/requests`)).json()) as unknown[]).length;
    expect((await stack.up()).stdout).toMatch(/3 unchanged/);
    expect(((await (await fetch(`${emulator.url}/_emulator/requests`)).json()) as unknown[]).length).toBe(before);
  } finally {
    stack.remove();
  }
}, 90_000);
