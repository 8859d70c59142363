import { join } from "node:path";
import { defaultFixture, emulatorControl, startEmulator, type Emulator } from "../../emulator";
import { declaredStack } from "../../programs/declared-stack";
import { engineTimeout } from "../support/engine-timeout";

// examples/lookups through the engine: the list endpoints (Dependabot's, your Codespaces secrets and variables too) and a
// public key, read by the program.
let emulator: Emulator;

beforeAll(async () => {
  const fixture = defaultFixture();
  fixture.secrets = [
    { scope: "org", owner: "octo-org", name: "TO_ALL", value: "v", visibility: "all" },
    { scope: "org", owner: "octo-org", name: "TO_PRIVATE", value: "v", visibility: "private" },
    {
      scope: "org",
      owner: "octo-org",
      name: "SHARED",
      value: "v",
      visibility: "selected",
      selected_repository_ids: [1296269],
    },
    { scope: "repo", owner: "octo-org", repository: "hello-world", name: "REPO_ONE", value: "v" },
    {
      scope: "environment",
      owner: "octo-org",
      repository: "hello-world",
      environment: "production",
      name: "ENV_ONE",
      value: "v",
    },
    { scope: "repo", app: "dependabot", owner: "octo-org", repository: "hello-world", name: "NPM_TOKEN", value: "v" },
    { scope: "user", app: "codespaces", owner: "octocat", name: "DOTFILES", value: "v" },
  ];
  fixture.variables = [
    { scope: "org", owner: "octo-org", name: "REGION", value: "us-east-1", visibility: "all" },
    { scope: "repo", owner: "octo-org", repository: "hello-world", name: "REGION", value: "eu-west-1" },
    { scope: "repo", owner: "octo-org", repository: "hello-world", name: "LOG_LEVEL", value: "debug" },
  ];
  emulator = await startEmulator({ port: 0, fixture });
});
afterAll(() => emulator.close());

test(
  "lookups answer the program, and a value sealed in the program reaches GitHub intact",
  async () => {
    const stack = await declaredStack(
      emulator.url,
      "emulator-token",
      join(__dirname, "..", "..", "examples", "lookups"),
    );
    try {
      const result = await stack.up();
      expect(result.exitCode).toBe(0);
      const outputs = (await stack.exported()).resources.find((r) => r.type === "pulumi:pulumi:Stack")!.outputs;
      expect(outputs).toEqual({
        orgSecrets: ["SHARED (selected)", "TO_ALL (all)", "TO_PRIVATE (private)"],
        helloWorldCanRead: ["SHARED", "TO_ALL"],
        helloWorldSecrets: ["REPO_ONE"],
        productionSecrets: ["ENV_ONE"],
        readersOfShared: ["octo-org/hello-world"],
        dependabotSecrets: ["NPM_TOKEN"],
        myCodespacesSecrets: ["DOTFILES"],
        // The repository's own REGION wins over the organization's, as in a workflow.
        helloWorldVariables: { REGION: "eu-west-1", LOG_LEVEL: "debug" },
      });
      const control = emulatorControl(emulator.url);
      const stored = (await control.secrets()).find((s) => s.name === "SEALED_IN_PROGRAM");
      expect(stored?.value).toBe("sealed before it left the program");
      const used = new Set((await control.requests()).map((r) => `${r.method} ${r.path}`));
      for (const path of [
        "GET /orgs/octo-org/actions/secrets",
        "GET /repos/octo-org/hello-world/actions/organization-secrets",
        "GET /repos/octo-org/hello-world/actions/secrets",
        "GET /repos/octo-org/hello-world/environments/production/secrets",
        "GET /orgs/octo-org/actions/secrets/SHARED/repositories",
        "GET /repos/octo-org/spoon-knife/actions/secrets/public-key",
        "GET /repos/octo-org/hello-world/dependabot/secrets",
        "GET /user/codespaces/secrets",
        "GET /repos/octo-org/hello-world/actions/variables",
        "GET /repos/octo-org/hello-world/actions/organization-variables",
      ])
        expect(used).toContain(path);
    } finally {
      stack.remove();
    }
  },
  engineTimeout(60_000),
);
