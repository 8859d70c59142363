import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultFixture, startEmulator, type Emulator } from "../../emulator";
import { declaredStack } from "../../programs/declared-stack";
import { engineTimeout } from "../support/engine-timeout";

// Every example program, run with `up` through the engine against the emulator, with whatever
// config and environment its code asks for.
const EXAMPLES = join(__dirname, "..", "..", "examples");
let emulator: Emulator;

beforeAll(async () => {
  const fixture = defaultFixture();
  fixture.secrets = [
    { scope: "repo", owner: "octo-org", repository: "hello-world", name: "LEGACY_TOKEN", value: "before the import" },
    // What examples/migrate-from-pulumi-github adopts, as pulumi-github left it (tests/programs/migration.test.ts
    // runs the whole migration).
    { scope: "repo", owner: "octo-org", repository: "hello-world", name: "RELEASE_TOKEN", value: "from pulumi-github" },
    {
      scope: "environment",
      owner: "octo-org",
      repository: "hello-world",
      environment: "production",
      name: "DATABASE_URL",
      value: "from pulumi-github",
    },
    {
      scope: "org",
      owner: "octo-org",
      name: "SONAR_TOKEN",
      value: "from pulumi-github",
      visibility: "selected",
      selected_repository_ids: [1296269],
    },
    {
      scope: "org",
      owner: "octo-org",
      name: "ARTIFACT_TOKEN",
      value: "from pulumi-github",
      visibility: "selected",
      selected_repository_ids: [1296269, 1300192],
    },
  ];
  emulator = await startEmulator({ port: 0, fixture });
});
afterAll(() => emulator.close());

// The quickstart is the root project's program; the demo test runs it.
const programs = readdirSync(EXAMPLES).filter((example) => example !== "quickstart");

test.each(programs)(
  "examples/%s runs",
  async (example) => {
    const source = readFileSync(join(EXAMPLES, example, "index.ts"), "utf8");
    const stack = await declaredStack(emulator.url, "emulator-token", join(EXAMPLES, example));
    try {
      for (const [, key] of source.matchAll(/requireSecret\("([^"]+)"\)/g))
        await stack.run("config", "set", "--secret", key, `${key}-value`);
      const variables = [...source.matchAll(/fromEnvironment\("([^"]+)"\)/g)].map(([, name]) => name);
      for (const name of variables) process.env[name] = `${name}-value`;
      const result = await stack.up();
      expect(result.stderr).toBe("");
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/\+ \d+ created/);
    } finally {
      stack.remove();
    }
  },
  engineTimeout(60_000),
);
