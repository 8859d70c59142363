import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { SecretSet, type SecretSetArgs } from "./secret-set";

// The set as a program declares it, against Pulumi's mock monitor: what is registered, with which
// inputs and options. The harness test (tests/programs/secret-set.test.ts, over programs/secret-set) runs it for real.
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
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "secret-set-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settled = () => new Promise((resolve) => setTimeout(resolve, 50));
const valueOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

test("one child per entry, of the scope's kind, named by set and secret name, its value a secret", async () => {
  const set = new SecretSet("app", {
    owner: "octo-org",
    repository: "hello-world",
    values: { deploy_token: "one", NPM_TOKEN: pulumi.output("two") },
    onDrift: "ignore",
  });
  new SecretSet("org", {
    org: "octo-org",
    visibility: "selected",
    selectedRepositories: [1296269],
    values: { SHARED: "three" },
  });
  new SecretSet("env", {
    owner: "octo-org",
    repository: "hello-world",
    environment: "prod/eu west",
    values: { DB_PASSWORD: "four" },
  });
  await settled();
  expect(Object.keys(set.secrets)).toEqual(["deploy_token", "NPM_TOKEN"]);
  const byName = Object.fromEntries(registered.map((r) => [r.name, r]));
  expect(Object.keys(byName).sort()).toEqual([
    "app",
    "app-DEPLOY_TOKEN",
    "app-NPM_TOKEN",
    "env",
    "env-DB_PASSWORD",
    "org",
    "org-SHARED",
  ]);
  expect(byName.app.type).toBe("github-secrets:index:SecretSet");
  expect(byName["app-DEPLOY_TOKEN"]).toMatchObject({
    type: "pulumi-nodejs:dynamic/github-secrets:RepoSecret",
    inputs: { owner: "octo-org", repository: "hello-world", secretName: "deploy_token", onDrift: "ignore" },
  });
  expect(byName["org-SHARED"]).toMatchObject({
    type: expect.stringMatching(/:OrgSecret$/),
    inputs: { org: "octo-org", visibility: "selected", selectedRepositories: [1296269] },
  });
  expect(byName["env-DB_PASSWORD"]).toMatchObject({
    type: expect.stringMatching(/:EnvSecret$/),
    inputs: { environment: "prod/eu west" },
  });
  for (const child of ["app-DEPLOY_TOKEN", "app-NPM_TOKEN", "org-SHARED", "env-DB_PASSWORD"]) {
    expect(byName[child].inputs.plaintextValue).toMatchObject({ [SECRET_SIGNATURE]: expect.any(String) });
  }
  const parentUrn = await valueOf(set.urn);
  expect(await valueOf(set.secrets.NPM_TOKEN.urn)).toBe(
    parentUrn.replace(/::app$/, "$pulumi-nodejs:dynamic/github-secrets:RepoSecret::app-NPM_TOKEN"),
  );
});

test("retainOnDelete given to the set reaches every secret", async () => {
  const seen: Array<[string, boolean | undefined]> = [];
  const record: pulumi.ResourceTransformation = ({ name, opts }) => {
    seen.push([name, opts.retainOnDelete]);
    return undefined;
  };
  new SecretSet(
    "kept",
    { owner: "octo-org", repository: "hello-world", values: { KEPT: "v" } },
    { retainOnDelete: true, transformations: [record] },
  );
  await settled();
  expect(seen).toEqual([
    ["kept", true],
    ["kept-KEPT", true],
  ]);
});

test("every problem of every entry, at once, before anything is declared, without a value", () => {
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
      'OPEN="canary-open',
    ].join("\n"),
  );
  let message = "";
  try {
    new SecretSet("bad", { owner: "octo-org", repository: "hello-world", envFile: path });
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message.split("\n")).toEqual([
    'SecretSet "bad": invalid inputs, nothing was sent to GitHub:',
    `  - ${path} line 2: is not NAME=value; give a name (letters, digits and _), = and the value, or make it a comment starting with #.`,
    `  - ${path} line 7: OPEN opens a value with " that no later line closes; end the value with " at the end of a line.`,
    `  - ${path} line 3: "my-key" may contain only letters, digits and underscores; rename it, e.g. "MY_KEY".`,
    `  - ${path} line 4: sets good, which ${path} line 1 sets already (GitHub names are case-insensitive); keep one.`,
    `  - ${path} line 5 (the value of EMPTY): is empty; GitHub stores no empty secrets. Give a value or remove the resource.`,
    `  - ${path} line 6 (the value of HUGE): is 50000 bytes; GitHub's limit is 48 KB (49152 bytes). Store a larger value elsewhere (e.g. encrypted in the repository) and keep its key here.`,
  ]);
  expect(message).not.toMatch(/canary|xxxx/);
  expect(registered).toEqual([]);
});

test("values and envFile: exactly one of them; map keys, case-insensitively, once", () => {
  const scope = { owner: "octo-org", repository: "hello-world" };
  expect(() => new SecretSet("neither", scope)).toThrow(
    /^SecretSet "neither": invalid inputs, nothing was sent to GitHub:\n {2}- envFile: is missing; give the path of a \.env file, or values/,
  );
  expect(() => new SecretSet("both", { ...scope, values: {}, envFile: "x.env" })).toThrow(
    / {2}- values: and envFile are both given; give one of them\.$/,
  );
  expect(() => new SecretSet("twice", { ...scope, values: { TOKEN: "a", Token: "b" } })).toThrow(
    / {2}- values\.Token: sets Token, which values\.TOKEN sets already/,
  );
  expect(() => new SecretSet("missing", { ...scope, envFile: join(dir, "none.env") })).toThrow(
    / {2}- envFile: cannot be read \(ENOENT/,
  );
  expect(registered).toEqual([]);
});

test("one scope, whole: org with repository fields, a repository scope without its owner, org-only fields elsewhere", () => {
  const values = { TOKEN: "canary-scope" };
  const declare = (args: Record<string, unknown>) => () =>
    new SecretSet("scoped", { ...args, values } as unknown as SecretSetArgs);
  expect(declare({ org: "octo-org", owner: "octo-org", repository: "hello-world" })).toThrow(
    / {2}- owner: is given with org; a set has one scope[^\n]*\n {2}- repository: is given with org/,
  );
  expect(declare({ repository: "hello-world", environment: "production" })).toThrow(
    / {2}- owner: is missing; give org for organization secrets, or owner and repository/,
  );
  expect(declare({ owner: "octo-org", repository: "hello-world", visibility: "all" })).toThrow(
    / {2}- visibility: is for organization secrets only/,
  );
  expect(registered).toEqual([]);
});
