import { execFile } from "node:child_process";
import { join } from "node:path";
import { isDeepStrictEqual, promisify } from "node:util";
import { defaultFixture, emulatorControl, startEmulator, type Emulator, type EmulatorControl } from "../../emulator";
import { pulumiOnPath } from "../../engine/run-pulumi-cli";
import type { RunResult } from "../../engine/run-engine";
import { declaredStack, type Declared } from "../../programs/declared-stack";

// The same scenarios through the harness and through the real CLI, each against a fresh emulator, compared step by
// step on what matters: the API requests GitHub received (method and path, as a multiset), the secrets GitHub holds
// afterwards, the state's resources (type, id, inputs and outputs but timestamps and salts) and the exit code. A
// divergence fails the test. It needs the CLI, so it runs in CI's CLI leg (PULUMI_GITHUB_SECRETS_ENGINE=cli with
// `npm run -s pulumi-cli`'s directory on PATH); elsewhere it is skipped, and says so.
const CLI_AVAILABLE = process.env.PULUMI_GITHUB_SECRETS_ENGINE === "cli" && pulumiOnPath(process.env);
const describeWithCli = CLI_AVAILABLE ? describe : describe.skip;
if (!CLI_AVAILABLE)
  console.warn("parity.test.ts skipped: it needs PULUMI_GITHUB_SECRETS_ENGINE=cli and a `pulumi` on PATH");

const TOKEN = "parity-token";
const SET_PROGRAM = join(__dirname, "..", "..", "programs", "secret-set");
const CLI = join(__dirname, "..", "..", "dist", "cli", "index.js");
type Engine = "harness" | "cli";

/** What one step left behind, in a form both engines can be held to. */
interface Observed {
  step: string;
  exitCode: number;
  requests: string[];
  secrets: unknown[];
  resources: unknown[];
}

// Fields that differ between any two runs whatever the engine: when things happened, and the random salts (with
// the fingerprints made with them).
const VOLATILE = new Set(["createdAt", "updatedAt", "writtenAt", "valueSalt", "valueFingerprint", "ciphertext"]);

function normalized(value: unknown, url: string): unknown {
  // Times also appear inside text (a drift message says when): GitHub's, with whole seconds.
  if (typeof value === "string")
    return value
      .split(url)
      .join("<github>")
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, "<time>");
  if (Array.isArray(value)) return value.map((v) => normalized(v, url));
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !VOLATILE.has(key))
        .map(([key, v]) => [key, normalized(v, url)]),
    );
  return value;
}

/** What each step printed, shown when the engines disagree. */
const printed: string[] = [];
afterEach(() => void (printed.length = 0));

type Stack = Awaited<ReturnType<typeof declaredStack>>;

/** Runs one scenario on one engine, observing after each step. */
async function observe(
  engine: Engine,
  program: string | undefined,
  scenario: (steps: {
    stack: Stack;
    control: EmulatorControl;
    url: string;
    step: (name: string, run: () => Promise<RunResult>) => Promise<void>;
  }) => Promise<void>,
): Promise<Observed[]> {
  const fixture = defaultFixture();
  fixture.tokens = [{ token: TOKEN }];
  const emulator: Emulator = await startEmulator({ port: 0, fixture });
  const control = emulatorControl(emulator.url);
  const stack = await declaredStack(emulator.url, TOKEN, program, "config", {
    PULUMI_GITHUB_SECRETS_ENGINE: engine,
    // The secret-set program's values.
    VALUE_ALPHA: "alpha value",
    VALUE_BETA: "beta value",
  });
  const observed: Observed[] = [];
  try {
    await scenario({
      stack,
      control,
      url: emulator.url,
      async step(name, run) {
        const before = (await control.requests()).length;
        const { exitCode, stdout, stderr } = await run();
        printed.push(`${engine}, ${name}:\n${stdout}${stderr}`);
        const requests = (await control.requests()).slice(before).map((r) => `${r.method} ${r.path}`);
        const secrets = (await control.secrets()).map(({ created_at: _c, updated_at: _u, ...rest }) => rest);
        const exported = await stack.exported(true);
        // An export of a stack without resources has none: the CLI leaves the field out.
        // In URN order: the CLI's order after a partly failed run depends on which steps finished first.
        const resources = (exported.resources ?? []).map(({ urn, type, id, inputs, outputs }) => ({
          urn,
          type,
          // The default provider's id is a fresh UUID in each engine.
          id: type.startsWith("pulumi:providers:") ? "<provider id>" : id,
          inputs: normalized(inputs, emulator.url),
          outputs: normalized(outputs, emulator.url),
        }));
        resources.sort((a, b) => a.urn.localeCompare(b.urn));
        observed.push({ step: name, exitCode, requests: requests.sort(), secrets, resources });
      },
    });
  } finally {
    stack.remove();
    await emulator.close();
  }
  return observed;
}

async function expectParity(program: string | undefined, scenario: Parameters<typeof observe>[2]) {
  const harness = await observe("harness", program, scenario);
  const cli = await observe("cli", program, scenario);
  expect(cli.map((o) => o.step)).toEqual(harness.map((o) => o.step));
  if (!isDeepStrictEqual(cli, harness)) console.log(printed.join("\n"));
  // Step by step, so a divergence names the first step where it appears.
  cli.forEach((observed, i) => expect({ engine: "cli", ...observed }).toEqual({ engine: "cli", ...harness[i] }));
}

const repoSecret = (name: string, repository: string, secretName: string, value: string): Declared => ({
  kind: "RepoSecret",
  name,
  args: { owner: "octo-org", repository, secretName },
  value,
});
const pastGitHubsSecond = () => new Promise((resolve) => setTimeout(resolve, 2100));

// Each scenario runs twice, through the harness and then through the CLI, whose steps take seconds each.
describeWithCli("the harness and the real CLI agree", () => {
  test("create, no change, value change, rename, outside change and deletion, the import option, destroy", async () => {
    await expectParity(undefined, async ({ stack, control, url, step }) => {
      await stack.declare([
        repoSecret("deploy", "hello-world", "DEPLOY_TOKEN", "v1"),
        repoSecret("npm", "spoon-knife", "NPM_TOKEN", "n1"),
      ]);
      await step("create", () => stack.up());
      await step("no change", () => stack.up());
      await stack.declare([
        repoSecret("deploy", "hello-world", "DEPLOY_TOKEN", "v2"),
        repoSecret("npm", "spoon-knife", "NPM_TOKEN", "n1"),
      ]);
      await step("value change", () => stack.up());
      await stack.declare([
        repoSecret("deploy", "hello-world", "DEPLOY_KEY", "v2"),
        repoSecret("npm", "spoon-knife", "NPM_TOKEN", "n1"),
      ]);
      await step("rename (replace)", () => stack.up());

      await pastGitHubsSecond();
      await control.upsertSecret({
        scope: "repo",
        owner: "octo-org",
        repository: "spoon-knife",
        name: "NPM_TOKEN",
        value: "changed outside",
      });
      await step("refresh after an outside change", () => stack.refresh());
      await step("up after the outside change", () => stack.up());
      await fetch(`${url}/repos/octo-org/hello-world/actions/secrets/DEPLOY_KEY`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      await step("up after a deletion outside (refresh first)", () => stack.up("--refresh"));

      await control.upsertSecret({ scope: "org", owner: "octo-org", name: "ADOPTED", value: "a1", visibility: "all" });
      await stack.declare([
        repoSecret("deploy", "hello-world", "DEPLOY_KEY", "v2"),
        repoSecret("npm", "spoon-knife", "NPM_TOKEN", "n1"),
        {
          kind: "OrgSecret",
          name: "adopted",
          args: { org: "octo-org", secretName: "ADOPTED", visibility: "all" },
          import: "octo-org/ADOPTED",
          value: "a1",
        },
      ]);
      await step("the import option", () => stack.up());
      await step("destroy", () => stack.destroy());
    });
  }, 600_000);

  test("a failure in the middle of a run, then refresh and destroy after github:token changed", async () => {
    await expectParity(undefined, async ({ stack, step }) => {
      await stack.declare([
        repoSecret("first", "hello-world", "FIRST", "f1"),
        repoSecret("missing", "no-such-repository", "LOST", "l1"),
        repoSecret("last", "spoon-knife", "LAST", "s1"),
      ]);
      await step("up with one refusal among three", () => stack.up());
      await stack.declare([
        repoSecret("first", "hello-world", "FIRST", "f1"),
        repoSecret("last", "spoon-knife", "LAST", "s1"),
      ]);
      await step("up without it", () => stack.up());
      await stack.run("config", "set", "--secret", "github:token", "a-token-github-does-not-know");
      await step("refresh after the token changed", () => stack.refresh());
      await step("destroy after the token changed", () => stack.destroy());
    });
  }, 600_000);

  test("an entry moved from one SecretSet to another", async () => {
    await expectParity(SET_PROGRAM, async ({ stack, step }) => {
      const set = (name: string, keys: string[]) => ({
        name,
        args: { owner: "octo-org", repository: "hello-world" },
        valuesFromEnvironment: keys,
      });
      await stack.run("config", "set", "sets", JSON.stringify([set("one", ["ALPHA", "BETA"]), set("two", [])]));
      await step("two entries in one set", () => stack.up());
      await stack.run("config", "set", "sets", JSON.stringify([set("one", ["ALPHA"]), set("two", ["BETA"])]));
      await step("one moved to the other set", () => stack.up());
      await step("destroy", () => stack.destroy());
    });
  }, 600_000);

  test("an import file from import-file, imported with `import --file`", async () => {
    await expectParity(undefined, async ({ stack, control, url, step }) => {
      await control.upsertSecret({ scope: "org", owner: "octo-org", name: "SHARED", value: "s", visibility: "all" });
      const file = join(stack.dir, "import.json");
      await promisify(execFile)(process.execPath, [CLI, "import-file", "--org", "octo-org", "--out", file], {
        env: { ...process.env, GITHUB_TOKEN: TOKEN, GITHUB_API_URL: url },
      });
      await stack.declare([]);
      await step("import --file", () => stack.run("import", "--file", file, "--yes", "--generate-code=false"));
    });
  }, 600_000);
});
