import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { validateFixture } from "./fixture";
import { type Fixture, type SecretSeed, defaultFixture, loadFixture, startEmulator } from "./index";
import { Store } from "./store";

const dir = mkdtempSync(path.join(tmpdir(), "emulator-fixture-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileWith(content: unknown): string {
  const file = path.join(dir, `fixture-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

function withChange(change: (fixture: Record<string, unknown> & Fixture) => void): Fixture {
  const fixture = defaultFixture() as Record<string, unknown> & Fixture;
  change(fixture);
  return fixture;
}

test("the default fixture: octo-org, a public and a private repository, two environments, one write token", () => {
  const fixture = defaultFixture();
  expect(fixture.orgs).toEqual([{ login: "octo-org", id: expect.any(Number) }]);
  expect(fixture.repos).toEqual([
    {
      owner: "octo-org",
      name: "hello-world",
      id: 1296269,
      private: false,
      environments: ["production", "prod/eu west"],
    },
    { owner: "octo-org", name: "spoon-knife", id: 1300192, private: true },
  ]);
  expect(fixture.tokens).toEqual([{ token: "emulator-token", access: "write", user: "octocat" }]);
  expect(fixture.variables).toEqual([]);
  expect(defaultFixture()).not.toBe(fixture);
});

test("loadFixture reads a valid file, filling defaults", () => {
  const loaded = loadFixture(
    fileWith({
      orgs: [],
      repos: [{ owner: "me", name: "app", id: 3 }],
      tokens: [{ token: "t" }],
      secrets: [{ scope: "repo", owner: "me", repository: "app", name: "X", value: "v" }],
    }),
  );
  expect(loaded).toEqual({
    orgs: [],
    repos: [{ owner: "me", name: "app", id: 3, private: false, environments: [] }],
    tokens: [{ token: "t", access: "write" }],
    secrets: [{ scope: "repo", owner: "me", repository: "app", name: "X", value: "v" }],
    variables: [],
  });
});

test.each<[string, unknown, string]>([
  ["not an object", [], "fixture must be an object"],
  ["missing orgs", { repos: [], tokens: [] }, "orgs must be an array"],
  ["org id", withChange((f) => (f.orgs[0].id = 0)), "orgs[0].id must be a positive integer"],
  ["org login", withChange((f) => (f.orgs[0].login = "a/b")), "orgs[0].login must be a login or repository name"],
  [
    "duplicate org",
    withChange((f) => f.orgs.push({ login: "OCTO-ORG", id: 2 })),
    "orgs[1].login duplicates an earlier entry (octo-org)",
  ],
  [
    "repo private",
    withChange((f) => ((f.repos[1] as unknown as Record<string, unknown>).private = "yes")),
    "repos[1].private must be a boolean",
  ],
  [
    "repo environments",
    withChange((f) => (f.repos[0].environments = ["ok", ""])),
    "repos[0].environments[1] must be a non-empty string",
  ],
  [
    "duplicate environment",
    withChange((f) => (f.repos[0].environments = ["prod", "PROD"])),
    "repos[0].environments[1] duplicates an earlier entry (prod)",
  ],
  [
    "duplicate repo id",
    withChange((f) => (f.repos[1].id = 1296269)),
    "repos[1].id duplicates an earlier entry (1296269)",
  ],
  [
    "token access",
    withChange((f) => ((f.tokens[0] as unknown as Record<string, unknown>).access = "admin")),
    'tokens[0].access must be one of "write", "read"',
  ],
  [
    "seed scope",
    withChange((f) => (f.secrets = [{ scope: "team" } as never])),
    'secrets[0].scope must be one of "org", "repo", "environment"',
  ],
  [
    "seed repository",
    withChange((f) => (f.secrets = [{ scope: "repo", owner: "octo-org", name: "X", value: "v" }])),
    "secrets[0].repository must be a string",
  ],
  [
    "seed of an unknown repository",
    withChange((f) => (f.secrets = [{ scope: "repo", owner: "octo-org", repository: "nope", name: "X", value: "v" }])),
    'secrets[0]: No repository "octo-org/nope" in the fixture',
  ],
  [
    "seed name",
    withChange((f) => (f.secrets = [{ scope: "org", owner: "octo-org", name: "GITHUB_X", value: "v" }])),
    "secrets[0]: Failed to add secret. Name is invalid",
  ],
  [
    "seed selection",
    withChange(
      (f) =>
        (f.secrets = [
          {
            scope: "org",
            owner: "octo-org",
            name: "X",
            value: "v",
            visibility: "selected",
            selected_repository_ids: [1.5],
          },
        ]),
    ),
    "secrets[0].selected_repository_ids[0] must be an integer",
  ],
])("loadFixture names the bad field: %s", (_, content, message) => {
  const file = fileWith(content);
  expect(() => loadFixture(file)).toThrow(`Invalid fixture ${file}: ${message}`);
});

// Validation checks the seeds without building a store, by the rules the store seeds with: each case
// must be refused by both, with the store's very message, and what the store takes must pass.
const repoSeed = (name: string, value = "v"): SecretSeed => ({
  scope: "repo",
  owner: "octo-org",
  repository: "hello-world",
  name,
  value,
});
const envSeed = (name: string): SecretSeed => ({
  scope: "environment",
  owner: "octo-org",
  repository: "hello-world",
  environment: "production",
  name,
  value: "v",
});
const orgSeed = (name: string, more: Partial<SecretSeed> = {}): SecretSeed => ({
  scope: "org",
  owner: "octo-org",
  name,
  value: "v",
  ...more,
});
const names = (count: number) => Array.from({ length: count }, (_, i) => `S${i}`);

test.each<[string, SecretSeed[], string]>([
  ["an unknown organization", [orgSeed("X", { owner: "nope" })], 'secrets[0]: No organization "nope" in the fixture'],
  [
    "an unknown repository",
    [{ ...repoSeed("X"), repository: "nope" }],
    'secrets[0]: No repository "octo-org/nope" in the fixture',
  ],
  [
    "an unknown environment, named in the fixture's spelling of its repository",
    [{ ...envSeed("X"), owner: "OCTO-ORG", repository: "Hello-World", environment: "staging" }],
    'secrets[0]: No environment "staging" in octo-org/hello-world',
  ],
  [
    "a visibility on a repository secret",
    [{ ...repoSeed("X"), visibility: "all" }],
    "secrets[0]: visibility and selected_repository_ids apply to org secrets only",
  ],
  [
    "a selection on an environment secret",
    [{ ...envSeed("X"), selected_repository_ids: [] }],
    "secrets[0]: visibility and selected_repository_ids apply to org secrets only",
  ],
  [
    "a selection with visibility all",
    [orgSeed("X", { visibility: "all", selected_repository_ids: [1296269] })],
    "secrets[0]: Invalid request.\n\nYou can only provide a list of repository ids when the visibility is set to selected.",
  ],
  [
    "a selection on a new secret without visibility, which is private",
    [orgSeed("X", { selected_repository_ids: [1296269] })],
    "secrets[0]: Invalid request.\n\nYou can only provide a list of repository ids when the visibility is set to selected.",
  ],
  [
    "a selection on a repeated secret that keeps the earlier seed's visibility all",
    [orgSeed("X", { visibility: "all" }), orgSeed("x", { selected_repository_ids: [1296269] })],
    "secrets[1]: Invalid request.\n\nYou can only provide a list of repository ids when the visibility is set to selected.",
  ],
  [
    "a selection outside the organization",
    [orgSeed("X", { visibility: "selected", selected_repository_ids: [1296269, 5, 6] })],
    "secrets[0]: Invalid request.\n\nNo repository with id 5, 6 in the organization octo-org.",
  ],
  ["an invalid org secret name", [orgSeed("GITHUB_X")], "secrets[0]: Failed to add secret. Name is invalid"],
  ["an invalid repository secret name", [repoSeed("1X")], "secrets[0]: Failed to add secret. Name is invalid"],
  [
    "a value over 48 KB, counted in bytes",
    [repoSeed("X", "é".repeat(24_577))],
    "secrets[0]: Failed to add secret. The secret value is 49154 bytes; the maximum is 49152 bytes (48 KB).",
  ],
  [
    "a 101st repository secret",
    names(101).map((name) => repoSeed(name)),
    "secrets[100]: Failed to add secret. The repository already has the maximum of 100 secrets.",
  ],
  [
    "a 101st environment secret",
    names(101).map(envSeed),
    "secrets[100]: Failed to add secret. The environment already has the maximum of 100 secrets.",
  ],
  [
    "a 1001st org secret",
    names(1001).map((name) => orgSeed(name)),
    "secrets[1000]: Failed to add secret. The organization already has the maximum of 1000 secrets.",
  ],
])("validation refuses a seed as the store does: %s", (_, secrets, message) => {
  const fixture = { ...defaultFixture(), secrets };
  expect(() => new Store(fixture)).toThrow(new Error(message));
  expect(() => validateFixture(fixture)).toThrow(new Error(`Invalid fixture: ${message}`));
});

test.each<[string, SecretSeed[]]>([
  [
    "lookups in any case",
    [
      { ...envSeed("x"), owner: "OCTO-ORG", repository: "HELLO-WORLD", environment: "PROD/EU WEST" },
      orgSeed("X", { owner: "Octo-Org" }),
    ],
  ],
  ["a value of exactly 48 KB", [repoSeed("X", "x".repeat(48 * 1024))]],
  ["100 repository secrets and a repeat, which updates", [...names(100).map((name) => repoSeed(name)), repoSeed("s0")]],
  [
    "100 secrets in each environment",
    [...names(100).map(envSeed), ...names(100).map((name) => ({ ...envSeed(name), environment: "prod/eu west" }))],
  ],
  [
    "a repeat that keeps an earlier seed's visibility selected",
    [
      orgSeed("X", { visibility: "selected", selected_repository_ids: [1296269] }),
      orgSeed("X", { selected_repository_ids: [1300192] }),
    ],
  ],
  ["an empty selection with visibility all", [orgSeed("X", { visibility: "all", selected_repository_ids: [] })]],
])("validation takes what the store takes: %s", (_, secrets) => {
  const fixture = { ...defaultFixture(), secrets };
  expect(() => new Store(fixture)).not.toThrow();
  expect(validateFixture(fixture).secrets).toEqual(secrets);
});

test("loadFixture reports unreadable and unparsable files", () => {
  expect(() => loadFixture(path.join(dir, "missing.json"))).toThrow(/^Cannot read fixture .*missing\.json/);
  expect(() => loadFixture(fileWith("{ nope"))).toThrow(/is not valid JSON/);
});

test("startEmulator accepts a fixture path and refuses a bad fixture object", async () => {
  const file = fileWith({
    orgs: [],
    repos: [{ owner: "me", name: "app", id: 3 }],
    tokens: [{ token: "t", access: "read" }],
  });
  const emulator = await startEmulator({ fixture: file });
  try {
    const response = await fetch(`${emulator.url}/repos/me/app`, { headers: { authorization: "token t" } });
    expect(response.status).toBe(200);
  } finally {
    await emulator.close();
  }
  await expect(startEmulator({ fixture: { orgs: [], repos: [], tokens: "t" } as never })).rejects.toThrow(
    "Invalid fixture: tokens must be an array",
  );
});
