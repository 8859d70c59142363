import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { VariableSet, type VariableSetArgs } from "./variable-set";

// The set as a program declares it, against Pulumi's mock monitor; tests/programs/variables.test.ts runs it for real.
const registered: pulumi.runtime.MockResourceArgs[] = [];
beforeAll(() =>
  pulumi.runtime.setMocks({
    newResource: (args) => {
      registered.push(args);
      return { id: `${args.name}-id`, state: {} };
    },
    call: () => ({}),
  }),
);
beforeEach(() => (registered.length = 0));

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "variable-set-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settled = () => new Promise((resolve) => setTimeout(resolve, 50));
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

test("one child per entry, of the scope's kind, named by set and name; a value stays as given, secret or not", async () => {
  const set = new VariableSet("app", {
    owner: "octo-org",
    repository: "hello-world",
    values: { region: "eu-west-1", TOKEN_URL: pulumi.secret("https://example.com") },
    onDrift: "ignore",
  });
  new VariableSet("org", { org: "octo-org", visibility: "all", values: { SHARED: "three" } });
  new VariableSet("env", {
    owner: "octo-org",
    repository: "hello-world",
    environment: "prod/eu west",
    values: { DB_HOST: "db" },
  });
  await settled();
  expect(Object.keys(set.variables)).toEqual(["region", "TOKEN_URL"]);
  const byName = Object.fromEntries(registered.map((r) => [r.name, r]));
  expect(byName.app.type).toBe("github-secrets:index:VariableSet");
  expect(byName["app-REGION"]).toMatchObject({
    type: "pulumi-nodejs:dynamic/github-secrets:RepoVariable",
    inputs: { owner: "octo-org", variableName: "region", value: "eu-west-1", onDrift: "ignore" },
  });
  expect(byName["app-TOKEN_URL"].inputs.value).toMatchObject({ [SECRET_SIGNATURE]: expect.any(String) });
  expect(byName["org-SHARED"]).toMatchObject({
    type: expect.stringMatching(/:OrgVariable$/),
    inputs: { org: "octo-org", visibility: "all", value: "three" },
  });
  expect(byName["env-DB_HOST"]).toMatchObject({
    type: expect.stringMatching(/:EnvVariable$/),
    inputs: { environment: "prod/eu west" },
  });
});

test("every problem of every entry, at once, by line, before anything is declared, without a value", () => {
  const path = join(dir, "bad.env");
  writeFileSync(
    path,
    [
      "GOOD=canary-good",
      "NOT A LINE",
      "my-key=canary-name",
      "good=canary-twice",
      "EMPTY=",
      `HUGE=${"x".repeat(50_000)}`,
    ].join("\n"),
  );
  let message = "";
  try {
    new VariableSet("bad", { owner: "octo-org", repository: "hello-world", envFile: path });
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message.split("\n")).toEqual([
    'VariableSet "bad": invalid inputs, nothing was sent to GitHub:',
    `  - ${path} line 2: is not NAME=value; give a name (letters, digits and _), = and the value, or make it a comment starting with #.`,
    `  - ${path} line 3: "my-key" may contain only letters, digits and underscores; rename it, e.g. "MY_KEY".`,
    `  - ${path} line 4: sets good, which ${path} line 1 sets already (GitHub names are case-insensitive); keep one.`,
    `  - ${path} line 5 (the value of EMPTY): is empty; GitHub stores no empty variables. Give a value or remove the resource.`,
    `  - ${path} line 6 (the value of HUGE): is 50000 bytes; GitHub's limit for a variable is 48 KB (49152 bytes). Store a larger value elsewhere (e.g. a file in the repository) and keep its path here.`,
  ]);
  expect(message).not.toMatch(/canary|xxxx/);
  expect(registered).toEqual([]);
});

test("one scope, whole, said of variables", () => {
  const declare = (args: Record<string, unknown>) => () =>
    new VariableSet("scoped", { ...args, values: { A: "v" } } as unknown as VariableSetArgs);
  expect(declare({ repository: "hello-world" })).toThrow(
    / {2}- owner: is missing; give org for organization variables, or owner and repository/,
  );
  expect(declare({ owner: "octo-org", repository: "hello-world", selectedRepositories: [1] })).toThrow(
    / {2}- selectedRepositories: is for organization variables only/,
  );
  expect(registered).toEqual([]);
});
