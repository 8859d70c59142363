import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Fixture, defaultFixture, loadFixture, startEmulator } from "./index";

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
    { owner: "octo-org", name: "hello-world", id: 1296269, private: false, environments: ["production", "prod/eu west"] },
    { owner: "octo-org", name: "spoon-knife", id: 1300192, private: true },
  ]);
  expect(fixture.tokens).toEqual([{ token: "emulator-token", access: "write" }]);
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
  });
});

test.each<[string, unknown, string]>([
  ["not an object", [], "fixture must be an object"],
  ["missing orgs", { repos: [], tokens: [] }, "orgs must be an array"],
  ["org id", withChange((f) => (f.orgs[0].id = 0)), "orgs[0].id must be a positive integer"],
  ["org login", withChange((f) => (f.orgs[0].login = "a/b")), "orgs[0].login must be a login or repository name"],
  ["duplicate org", withChange((f) => f.orgs.push({ login: "OCTO-ORG", id: 2 })), "orgs[1].login duplicates an earlier entry (octo-org)"],
  ["repo private", withChange((f) => ((f.repos[1] as unknown as Record<string, unknown>).private = "yes")), "repos[1].private must be a boolean"],
  ["repo environments", withChange((f) => (f.repos[0].environments = ["ok", ""])), "repos[0].environments[1] must be a non-empty string"],
  ["duplicate environment", withChange((f) => (f.repos[0].environments = ["prod", "PROD"])), "repos[0].environments[1] duplicates an earlier entry (prod)"],
  ["duplicate repo id", withChange((f) => (f.repos[1].id = 1296269)), "repos[1].id duplicates an earlier entry (1296269)"],
  ["token access", withChange((f) => ((f.tokens[0] as unknown as Record<string, unknown>).access = "admin")), 'tokens[0].access must be one of "write", "read"'],
  ["seed scope", withChange((f) => (f.secrets = [{ scope: "team" } as never])), 'secrets[0].scope must be one of "org", "repo", "environment"'],
  ["seed repository", withChange((f) => (f.secrets = [{ scope: "repo", owner: "octo-org", name: "X", value: "v" }])), "secrets[0].repository must be a string"],
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
    withChange((f) => (f.secrets = [{ scope: "org", owner: "octo-org", name: "X", value: "v", visibility: "selected", selected_repository_ids: [1.5] }])),
    "secrets[0].selected_repository_ids[0] must be an integer",
  ],
])("loadFixture names the bad field: %s", (_, content, message) => {
  const file = fileWith(content);
  expect(() => loadFixture(file)).toThrow(`Invalid fixture ${file}: ${message}`);
});

test("loadFixture reports unreadable and unparsable files", () => {
  expect(() => loadFixture(path.join(dir, "missing.json"))).toThrow(/^Cannot read fixture .*missing\.json/);
  expect(() => loadFixture(fileWith("{ nope"))).toThrow(/is not valid JSON/);
});

test("startEmulator accepts a fixture path and refuses a bad fixture object", async () => {
  const file = fileWith({ orgs: [], repos: [{ owner: "me", name: "app", id: 3 }], tokens: [{ token: "t", access: "read" }] });
  const emulator = await startEmulator({ fixture: file });
  try {
    const response = await fetch(`${emulator.url}/repos/me/app`, { headers: { authorization: "token t" } });
    expect(response.status).toBe(200);
  } finally {
    await emulator.close();
  }
  await expect(startEmulator({ fixture: { orgs: [], repos: [], tokens: "t" } as never })).rejects.toThrow("Invalid fixture: tokens must be an array");
});
