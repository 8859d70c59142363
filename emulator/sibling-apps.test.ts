import { createSign, generateKeyPairSync } from "node:crypto";
import sodium from "libsodium-wrappers";
import {
  type Emulator,
  type Fixture,
  type VariableSeed,
  EmulatorControlError,
  defaultFixture,
  emulatorControl,
  startEmulator,
} from "./index";
import { validateFixture } from "./fixture";
import { emulatorApi, githubError } from "../tests/support/emulator-api";

// Dependabot and Codespaces secrets, the user's Codespaces secrets, and Actions variables: what the
// OpenAPI test cannot see (keys per app, conflicts, renames, the token's user, limits, the control surface).

const TOKEN = "emulator-token";
const READ_TOKEN = "read-token";
const MONA_TOKEN = "mona-token";
const ANON_TOKEN = "no-user-token";
const HELLO_WORLD_ID = 1296269;
const SPOON_KNIFE_ID = 1300192;
const APP_ID = 321;
const INSTALLATION_ID = 654;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const IMPROPERLY = "Bad request - validation failed due to an improperly encrypted secret";
const VARIABLES_DOCS = "https://docs.github.com/rest/actions/variables";
const appKey = generateKeyPairSync("rsa", { modulusLength: 2048 });

let emulator: Emulator;

beforeAll(async () => {
  await sodium.ready;
  emulator = await startEmulator();
});

afterAll(() => emulator.close());

beforeEach(() => reset(fixtureWith(() => undefined)));

const { call, reset, sealed } = emulatorApi(() => emulator.url, TOKEN);

function fixtureWith(change: (fixture: Fixture) => void): Fixture {
  const fixture = defaultFixture();
  fixture.tokens.push(
    { token: READ_TOKEN, access: "read" },
    { token: MONA_TOKEN, user: "monalisa" },
    { token: ANON_TOKEN },
  );
  fixture.apps = [
    {
      id: APP_ID,
      publicKey: appKey.publicKey.export({ type: "spki", format: "pem" }).toString(),
      installations: [{ id: INSTALLATION_ID }],
    },
  ];
  change(fixture);
  return fixture;
}

async function installationToken(): Promise<string> {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const signed = `${encode({ alg: "RS256", typ: "JWT" })}.${encode({ iat: now - 30, exp: now + 540, iss: String(APP_ID) })}`;
  const jwt = `${signed}.${createSign("sha256").update(signed).sign(appKey.privateKey).toString("base64url")}`;
  const answer = await call("POST", `/app/installations/${INSTALLATION_ID}/access_tokens`, { token: jwt });
  expect(answer.status).toBe(201);
  return answer.body.token;
}

const control = () => emulatorControl(emulator.url);

describe("Dependabot and Codespaces secrets", () => {
  const scopes = [
    "/orgs/octo-org/actions",
    "/orgs/octo-org/dependabot",
    "/orgs/octo-org/codespaces",
    "/repos/octo-org/hello-world/actions",
    "/repos/octo-org/hello-world/dependabot",
    "/repos/octo-org/hello-world/codespaces",
    "/repos/octo-org/hello-world/environments/production",
    "/user/codespaces",
  ];

  test("every scope of every app has its own key pair and key id", async () => {
    const keys = await Promise.all(
      scopes.map(async (scope) => (await call("GET", `${scope}/secrets/public-key`)).body),
    );
    expect(new Set(keys.map((key) => key.key_id)).size).toBe(scopes.length);
    expect(new Set(keys.map((key) => key.key)).size).toBe(scopes.length);
    for (const key of keys) expect(Buffer.from(key.key, "base64")).toHaveLength(32);
  });

  test("a value sealed for the Actions key is refused on the Dependabot and Codespaces PUTs with GitHub's 422", async () => {
    for (const [actions, other, docs, extra] of [
      [
        "/repos/octo-org/hello-world/actions",
        "/repos/octo-org/hello-world/dependabot",
        "dependabot/secrets#create-or-update-a-repository-secret",
        {},
      ],
      [
        "/repos/octo-org/hello-world/actions",
        "/repos/octo-org/hello-world/codespaces",
        "codespaces/repository-secrets#create-or-update-a-repository-secret",
        {},
      ],
      [
        "/orgs/octo-org/actions",
        "/orgs/octo-org/dependabot",
        "dependabot/secrets#create-or-update-an-organization-secret",
        { visibility: "all" },
      ],
      [
        "/orgs/octo-org/actions",
        "/orgs/octo-org/codespaces",
        "codespaces/organization-secrets#create-or-update-an-organization-secret",
        { visibility: "all" },
      ],
    ] as const) {
      const body = { ...(await sealed(actions, "v")), ...extra };
      const refused = await call("PUT", `${other}/secrets/SHARED`, { body });
      expect(refused.status).toBe(422);
      expect(refused.body).toEqual(githubError(422, IMPROPERLY, `https://docs.github.com/rest/${docs}`));
      // Even with the other app's key id, the value does not open with its private key.
      const { key_id } = await sealed(other, "v");
      expect((await call("PUT", `${other}/secrets/SHARED`, { body: { ...body, key_id } })).body.message).toBe(
        IMPROPERLY,
      );
      expect([201, 204]).toContain((await call("PUT", `${actions}/secrets/SHARED`, { body })).status);
    }
  });

  test("the same name in each app is a separate secret, and the control surface tells them apart by app", async () => {
    const repo = "/repos/octo-org/hello-world";
    for (const app of ["actions", "dependabot", "codespaces"])
      expect(
        (await call("PUT", `${repo}/${app}/secrets/npm_token`, { body: await sealed(`${repo}/${app}`, app) })).status,
      ).toBe(201);
    expect((await call("DELETE", `${repo}/dependabot/secrets/NPM_TOKEN`)).status).toBe(204);
    expect((await call("GET", `${repo}/dependabot/secrets/NPM_TOKEN`)).status).toBe(404);
    expect((await call("GET", `${repo}/codespaces/secrets/NPM_TOKEN`)).body.name).toBe("NPM_TOKEN");
    expect((await call("GET", `${repo}/dependabot/secrets`)).body).toEqual({ total_count: 0, secrets: [] });
    const records = await control().secrets();
    expect(records.map(({ app, scope, name, value }) => ({ app, scope, name, value }))).toEqual([
      { app: "actions", scope: "repo", name: "NPM_TOKEN", value: "actions" },
      { app: "codespaces", scope: "repo", name: "NPM_TOKEN", value: "codespaces" },
    ]);
  });

  test("org secrets: selected_repositories_url under the app, 409 on selection unless selected, 422 for foreign ids", async () => {
    for (const app of ["dependabot", "codespaces"]) {
      const org = `/orgs/octo-org/${app}`;
      const picked = { ...(await sealed(org, "p")), visibility: "selected", selected_repository_ids: [HELLO_WORLD_ID] };
      expect((await call("PUT", `${org}/secrets/PICKED`, { body: picked })).status).toBe(201);
      expect((await call("GET", `${org}/secrets/picked`)).body).toEqual({
        name: "PICKED",
        created_at: expect.stringMatching(TIMESTAMP),
        updated_at: expect.stringMatching(TIMESTAMP),
        visibility: "selected",
        selected_repositories_url: `${emulator.url}/orgs/octo-org/${app}/secrets/PICKED/repositories`,
      });
      const all = { ...(await sealed(org, "a")), visibility: "all" };
      expect((await call("PUT", `${org}/secrets/TO_ALL`, { body: all })).status).toBe(201);
      expect((await call("GET", `${org}/secrets/TO_ALL`)).body).not.toHaveProperty("selected_repositories_url");
      const conflict = await call("PUT", `${org}/secrets/TO_ALL/repositories/${HELLO_WORLD_ID}`);
      expect(conflict.status).toBe(409);
      expect(conflict.body.message).toMatch(/visibility is not set to 'selected'/);
      expect(
        (await call("PUT", `${org}/secrets/TO_ALL/repositories`, { body: { selected_repository_ids: [] } })).status,
      ).toBe(409);
      expect((await call("GET", `${org}/secrets/TO_ALL/repositories`)).body).toEqual({
        total_count: 0,
        repositories: [],
      });
      const foreign = { ...(await sealed(org, "x")), visibility: "selected", selected_repository_ids: [42] };
      expect((await call("PUT", `${org}/secrets/X`, { body: foreign })).status).toBe(422);
      expect((await call("PUT", `${org}/secrets/X`, { body: { ...foreign, visibility: "maybe" } })).status).toBe(422);
      expect((await call("DELETE", `${org}/secrets/NOPE`)).status).toBe(404);
    }
    // Dependabot's own Actions-only visibility: the Actions list of org secrets for a repository ignores the other apps.
    expect((await call("GET", "/repos/octo-org/hello-world/actions/organization-secrets")).body.total_count).toBe(0);
  });

  test("Dependabot has no environment secrets; names and limits follow the Actions rules", async () => {
    expect(
      (await call("GET", "/repos/octo-org/hello-world/environments/production/dependabot/secrets/public-key")).status,
    ).toBe(404);
    const repo = "/repos/octo-org/hello-world/dependabot";
    const bad = await call("PUT", `${repo}/secrets/GITHUB_X`, { body: await sealed(repo, "v") });
    expect(bad.body.message).toBe("Failed to add secret. Name is invalid");
    await reset(
      fixtureWith((f) => {
        f.secrets = Array.from({ length: 100 }, (_, i) => ({
          scope: "repo" as const,
          app: "dependabot" as const,
          owner: "octo-org",
          repository: "hello-world",
          name: `S${i}`,
          value: "v",
        }));
      }),
    );
    const full = await call("PUT", `${repo}/secrets/ONE_MORE`, { body: await sealed(repo, "v") });
    expect(full.status).toBe(422);
    expect(full.body.message).toMatch(/maximum of 100 secrets/);
    expect(
      (
        await call("PUT", "/repos/octo-org/hello-world/actions/secrets/ONE_MORE", {
          body: await sealed("/repos/octo-org/hello-world/actions", "v"),
        })
      ).status,
    ).toBe(201);
  });
});

describe("the user's Codespaces secrets", () => {
  const user = "/user/codespaces";

  test("belong to the token's user: octocat for the default token and for a token without user", async () => {
    const body = { ...(await sealed(user, "mine")), selected_repository_ids: [HELLO_WORLD_ID] };
    expect((await call("PUT", `${user}/secrets/dotfiles_token`, { body })).status).toBe(201);
    expect((await call("GET", `${user}/secrets/DOTFILES_TOKEN`)).body).toEqual({
      name: "DOTFILES_TOKEN",
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: expect.stringMatching(TIMESTAMP),
      visibility: "selected",
      selected_repositories_url: `${emulator.url}/user/codespaces/secrets/DOTFILES_TOKEN/repositories`,
    });
    expect((await call("GET", `${user}/secrets`, { token: ANON_TOKEN })).body.total_count).toBe(1);
    expect((await call("GET", `${user}/secrets`, { token: MONA_TOKEN })).body).toEqual({ total_count: 0, secrets: [] });
    expect((await call("GET", `${user}/secrets/DOTFILES_TOKEN`, { token: MONA_TOKEN })).status).toBe(404);
    // Each user has its own key.
    const mona = await sealed(user, "hers", MONA_TOKEN);
    expect(mona.key_id).not.toBe(body.key_id);
    expect((await call("PUT", `${user}/secrets/DOTFILES_TOKEN`, { body: mona })).status).toBe(422);
    expect((await call("PUT", `${user}/secrets/DOTFILES_TOKEN`, { body: mona, token: MONA_TOKEN })).status).toBe(201);

    expect(
      (await control().secrets()).map(({ app, scope, owner, value, visibility, selected_repository_ids }) => ({
        app,
        scope,
        owner,
        value,
        visibility,
        selected_repository_ids,
      })),
    ).toEqual([
      {
        app: "codespaces",
        scope: "user",
        owner: "monalisa",
        value: "hers",
        visibility: "selected",
        selected_repository_ids: [],
      },
      {
        app: "codespaces",
        scope: "user",
        owner: "octocat",
        value: "mine",
        visibility: "selected",
        selected_repository_ids: [HELLO_WORLD_ID],
      },
    ]);
  });

  test("an installation token acts for no user: 403 Resource not accessible by integration", async () => {
    const token = await installationToken();
    expect((await call("GET", "/repos/octo-org/hello-world/dependabot/secrets", { token })).status).toBe(200);
    for (const [method, path] of [
      ["GET", `${user}/secrets`],
      ["GET", `${user}/secrets/public-key`],
      ["PUT", `${user}/secrets/X`],
      ["GET", `${user}/secrets/X/repositories`],
    ]) {
      const answer = await call(method, path, { token, body: method === "PUT" ? {} : undefined });
      expect([path, answer.status, answer.body.message]).toEqual([path, 403, "Resource not accessible by integration"]);
    }
  });

  test("repositories: any repository of the fixture, list, set, add and remove; unknown ids are 422 on PUT, 404 else", async () => {
    const body = { ...(await sealed(user, "v")), selected_repository_ids: [SPOON_KNIFE_ID, String(HELLO_WORLD_ID)] };
    expect((await call("PUT", `${user}/secrets/S`, { body })).status).toBe(201);
    const ids = async () =>
      (await call("GET", `${user}/secrets/S/repositories`)).body.repositories.map((r: { id: number }) => r.id);
    expect(await ids()).toEqual([HELLO_WORLD_ID, SPOON_KNIFE_ID]);
    expect((await call("DELETE", `${user}/secrets/S/repositories/${HELLO_WORLD_ID}`)).status).toBe(204);
    expect(await ids()).toEqual([SPOON_KNIFE_ID]);
    expect((await call("PUT", `${user}/secrets/S/repositories/${HELLO_WORLD_ID}`)).status).toBe(204);
    expect(await ids()).toEqual([HELLO_WORLD_ID, SPOON_KNIFE_ID]);
    expect(
      (await call("PUT", `${user}/secrets/S/repositories`, { body: { selected_repository_ids: [SPOON_KNIFE_ID] } }))
        .status,
    ).toBe(204);
    expect(await ids()).toEqual([SPOON_KNIFE_ID]);
    // A PUT without ids keeps the selection.
    expect((await call("PUT", `${user}/secrets/S`, { body: await sealed(user, "w") })).status).toBe(204);
    expect(await ids()).toEqual([SPOON_KNIFE_ID]);

    expect((await call("PUT", `${user}/secrets/S`, { body: { ...body, selected_repository_ids: [7] } })).status).toBe(
      422,
    );
    expect((await call("PUT", `${user}/secrets/S/repositories/7`)).status).toBe(404);
    expect(
      (await call("PUT", `${user}/secrets/S/repositories`, { body: { selected_repository_ids: [7] } })).status,
    ).toBe(404);
    expect((await call("GET", `${user}/secrets/NOPE/repositories`)).status).toBe(404);
    expect((await call("DELETE", `${user}/secrets/S`)).status).toBe(204);
    expect((await call("DELETE", `${user}/secrets/S`)).status).toBe(404);
  });

  test("a user holds at most 100 Codespaces secrets", async () => {
    await reset(
      fixtureWith((f) => {
        f.secrets = Array.from({ length: 100 }, (_, i) => ({
          scope: "user" as const,
          app: "codespaces" as const,
          owner: "OctoCat",
          name: `S${i}`,
          value: "v",
        }));
      }),
    );
    expect((await call("GET", `${user}/secrets?per_page=100`)).body.total_count).toBe(100);
    const full = await call("PUT", `${user}/secrets/ONE_MORE`, { body: await sealed(user, "v") });
    expect([full.status, full.body.message]).toEqual([
      422,
      "Failed to add secret. The user already has the maximum of 100 secrets.",
    ]);
  });
});

describe("Actions variables", () => {
  const repo = "/repos/octo-org/hello-world/actions/variables";
  const env = "/repos/octo-org/hello-world/environments/prod%2Feu%20west/variables";
  const org = "/orgs/octo-org/actions/variables";

  test("POST creates (201 {}), a second POST of the name is 409, GET returns the value", async () => {
    for (const scope of [repo, env]) {
      const created = await call("POST", scope, { body: { name: "region", value: "eu-west-1" } });
      expect([created.status, created.text]).toEqual([201, "{}"]);
      const again = await call("POST", scope, { body: { name: "REGION", value: "other" } });
      expect(again.status).toBe(409);
      expect(again.body.message).toBe("Already exists - Variable already exists");
      const got = (await call("GET", `${scope}/Region`)).body;
      expect(got).toEqual({
        name: "REGION",
        value: "eu-west-1",
        created_at: expect.stringMatching(TIMESTAMP),
        updated_at: got.created_at,
      });
    }
    const repoRecord = (await control().variables()).find((v) => v.scope === "repo");
    expect(repoRecord).toEqual({
      scope: "repo",
      owner: "octo-org",
      repository: "hello-world",
      environment: null,
      name: "REGION",
      value: "eu-west-1",
      visibility: null,
      selected_repository_ids: null,
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: expect.stringMatching(TIMESTAMP),
    });
  });

  test("PATCH updates (204) and renames; 409 onto another name, 404 when missing", async () => {
    await call("POST", repo, { body: { name: "A", value: "1" } });
    await call("POST", repo, { body: { name: "B", value: "2" } });
    const before = (await call("GET", `${repo}/A`)).body;
    const patched = await call("PATCH", `${repo}/a`, { body: { value: "1b" } });
    expect([patched.status, patched.text]).toEqual([204, ""]);
    const after = (await call("GET", `${repo}/A`)).body;
    expect(after.value).toBe("1b");
    expect(after.created_at).toBe(before.created_at);
    expect(after.updated_at > before.updated_at).toBe(true);

    expect((await call("PATCH", `${repo}/A`, { body: { name: "renamed" } })).status).toBe(204);
    expect((await call("GET", `${repo}/A`)).status).toBe(404);
    expect((await call("GET", `${repo}/RENAMED`)).body).toMatchObject({ name: "RENAMED", value: "1b" });
    const clash = await call("PATCH", `${repo}/RENAMED`, { body: { name: "b" } });
    expect([clash.status, clash.body.message]).toEqual([409, "Already exists - Variable already exists"]);
    const missing = await call("PATCH", `${repo}/NOPE`, { body: { value: "x" } });
    expect(missing.body).toEqual(githubError(404, "Not Found"));
    expect((await call("PATCH", `${repo}/RENAMED`, { body: { name: "GITHUB_X" } })).status).toBe(422);
    expect((await call("PATCH", `${repo}/RENAMED`, { body: { value: 5 } })).status).toBe(422);
    expect((await call("DELETE", `${repo}/RENAMED`)).status).toBe(204);
    expect((await call("DELETE", `${repo}/RENAMED`)).status).toBe(404);
  });

  test("names, values and limits: the secret-name rules, 48 KB, 500 per repository", async () => {
    const invalid = await call("POST", repo, { body: { name: "1ST", value: "v" } });
    expect([invalid.status, invalid.body.documentation_url]).toEqual([
      422,
      `${VARIABLES_DOCS}#create-a-repository-variable`,
    ]);
    expect((await call("POST", repo, { body: { name: "X" } })).body.message).toBe(
      'Invalid request.\n\n"value" wasn\'t supplied.',
    );
    expect((await call("POST", repo, { body: { name: "BIG", value: "x".repeat(48 * 1024) } })).status).toBe(201);
    expect((await call("POST", repo, { body: { name: "BIGGER", value: "x".repeat(48 * 1024 + 1) } })).status).toBe(422);
    await reset(
      fixtureWith((f) => {
        f.variables = Array.from({ length: 500 }, (_, i) => ({
          scope: "repo" as const,
          owner: "octo-org",
          repository: "hello-world",
          name: `V${i}`,
          value: "v",
        }));
      }),
    );
    const full = await call("POST", repo, { body: { name: "ONE_MORE", value: "v" } });
    expect([full.status, full.body.message]).toEqual([
      422,
      "Failed to add variable. The repository already has the maximum of 500 variables.",
    ]);
    expect((await call("PATCH", `${repo}/V0`, { body: { name: "V0_RENAMED" } })).status).toBe(204);
  });

  test("lists page 10 at a time by default, at most 30, with GitHub's link header", async () => {
    await reset(
      fixtureWith((f) => {
        f.variables = Array.from({ length: 35 }, (_, i) => ({
          scope: "repo" as const,
          owner: "octo-org",
          repository: "hello-world",
          name: `V${String(i).padStart(2, "0")}`,
          value: String(i),
        }));
      }),
    );
    const first = await call("GET", repo);
    expect(first.body.total_count).toBe(35);
    expect(first.body.variables.map((v: { name: string }) => v.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `V0${i}`),
    );
    expect(first.headers.get("link")).toBe(
      `<${emulator.url}${repo}?page=2>; rel="next", <${emulator.url}${repo}?page=4>; rel="last"`,
    );
    const capped = await call("GET", `${repo}?per_page=100&page=2`);
    expect(capped.body.variables).toHaveLength(5);
    expect(capped.body.variables[0]).toMatchObject({ name: "V30", value: "30" });
    expect((await call("GET", `${repo}?per_page=30`)).body.variables).toHaveLength(30);
  });

  test("org variables: visibility, selected_repositories_url, 409 on selection unless selected, and the repository's view", async () => {
    expect((await call("POST", org, { body: { name: "V", value: "v" } })).status).toBe(422);
    await call("POST", org, {
      body: { name: "PICKED", value: "p", visibility: "selected", selected_repository_ids: [HELLO_WORLD_ID] },
    });
    await call("POST", org, { body: { name: "PRIVATE", value: "q", visibility: "private" } });
    expect((await call("GET", `${org}/PICKED`)).body).toMatchObject({
      visibility: "selected",
      selected_repositories_url: `${emulator.url}/orgs/octo-org/actions/variables/PICKED/repositories`,
    });
    expect((await call("GET", `${org}/PRIVATE`)).body).not.toHaveProperty("selected_repositories_url");
    for (const [method, path, body] of [
      ["GET", `${org}/PRIVATE/repositories`, undefined],
      ["PUT", `${org}/PRIVATE/repositories`, { selected_repository_ids: [] }],
      ["PUT", `${org}/PRIVATE/repositories/${HELLO_WORLD_ID}`, undefined],
      ["DELETE", `${org}/PRIVATE/repositories/${HELLO_WORLD_ID}`, undefined],
    ] as const) {
      const answer = await call(method, path, { body });
      expect([method, path, answer.status]).toEqual([method, path, 409]);
      expect(answer.body.message).toMatch(/variable when the visibility is not set to 'selected'/);
    }
    const names = async (repository: string) =>
      (await call("GET", `/repos/octo-org/${repository}/actions/organization-variables`)).body.variables.map(
        (v: { name: string }) => v.name,
      );
    expect(await names("hello-world")).toEqual(["PICKED"]);
    expect(await names("spoon-knife")).toEqual(["PRIVATE"]);
    expect(
      Object.keys(
        (await call("GET", "/repos/octo-org/hello-world/actions/organization-variables")).body.variables[0],
      ).sort(),
    ).toEqual(["created_at", "name", "updated_at", "value"]);

    // PATCH: a visibility other than selected clears the selection; selected_repository_ids is checked.
    expect((await call("PATCH", `${org}/PICKED`, { body: { selected_repository_ids: [SPOON_KNIFE_ID] } })).status).toBe(
      204,
    );
    expect(await names("spoon-knife")).toEqual(["PICKED", "PRIVATE"]);
    expect((await call("PATCH", `${org}/PICKED`, { body: { selected_repository_ids: [42] } })).status).toBe(422);
    expect((await call("PATCH", `${org}/PICKED`, { body: { visibility: "all" } })).status).toBe(204);
    expect((await control().variables()).find((v) => v.name === "PICKED")).toMatchObject({
      scope: "org",
      visibility: "all",
      selected_repository_ids: null,
    });
    expect(
      (await call("PATCH", `${org}/PRIVATE`, { body: { selected_repository_ids: [HELLO_WORLD_ID] } })).status,
    ).toBe(422);
  });

  test("a read token may list and get variables but gets 403 on POST, PATCH and DELETE", async () => {
    await call("POST", repo, { body: { name: "KEEP", value: "v" } });
    expect((await call("GET", `${repo}/KEEP`, { token: READ_TOKEN })).status).toBe(200);
    const created = await call("POST", repo, { token: READ_TOKEN, body: { name: "X", value: "v" } });
    expect(created.body).toEqual(
      githubError(
        403,
        "Resource not accessible by personal access token",
        `${VARIABLES_DOCS}#create-a-repository-variable`,
      ),
    );
    expect((await call("PATCH", `${repo}/KEEP`, { token: READ_TOKEN, body: { value: "w" } })).status).toBe(403);
    expect((await call("DELETE", `${repo}/KEEP`, { token: READ_TOKEN })).status).toBe(403);
    expect((await call("GET", `${repo}/KEEP`)).body.value).toBe("v");
  });
});

describe("control surface and fixture", () => {
  test("fault rules can be limited to POST and PATCH", async () => {
    const repo = "/repos/octo-org/hello-world/actions/variables";
    await control().addFault({ kind: "status", status: 503, method: "POST", count: 1 });
    await control().addFault({ kind: "status", status: 502, method: "PATCH", count: 1 });
    expect((await call("POST", repo, { body: { name: "V", value: "1" } })).status).toBe(503);
    expect((await call("POST", repo, { body: { name: "V", value: "1" } })).status).toBe(201);
    expect((await call("PATCH", `${repo}/V`, { body: { value: "2" } })).status).toBe(502);
    expect((await call("PATCH", `${repo}/V`, { body: { value: "2" } })).status).toBe(204);
    expect((await call("GET", `${repo}/V`)).body.value).toBe("2");
  });

  test("POST /_emulator/variables creates (201), then updates out of band (200) and bumps updated_at", async () => {
    const seed: VariableSeed = {
      scope: "repo",
      owner: "octo-org",
      repository: "hello-world",
      name: "mode",
      value: "a",
    };
    const created = await call("POST", "/_emulator/variables", { token: null, body: seed });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scope: "repo", name: "MODE", value: "a" });
    const before = (await call("GET", "/repos/octo-org/hello-world/actions/variables/MODE")).body;
    const changed = await control().upsertVariable({ ...seed, value: "b" });
    expect(changed).toMatchObject({ value: "b", created_at: before.created_at });
    const after = (await call("GET", "/repos/octo-org/hello-world/actions/variables/MODE")).body;
    expect(after.value).toBe("b");
    expect(after.updated_at > before.updated_at).toBe(true);

    const orgVar = await control().upsertVariable({
      scope: "org",
      owner: "octo-org",
      name: "SHARED",
      value: "s",
      visibility: "selected",
      selected_repository_ids: [SPOON_KNIFE_ID],
    });
    expect(orgVar).toMatchObject({ visibility: "selected", selected_repository_ids: [SPOON_KNIFE_ID] });
    expect(
      await control().upsertVariable({ scope: "org", owner: "octo-org", name: "SHARED", value: "t" }),
    ).toMatchObject({ value: "t", visibility: "selected", selected_repository_ids: [SPOON_KNIFE_ID] });
    const env = await control().upsertVariable({
      scope: "environment",
      owner: "octo-org",
      repository: "hello-world",
      environment: "Production",
      name: "E",
      value: "e",
    });
    expect(env).toMatchObject({ scope: "environment", environment: "production" });
    expect((await control().variables()).map((v) => `${v.scope}:${v.name}`)).toEqual([
      "org:SHARED",
      "repo:MODE",
      "environment:E",
    ]);
  });

  test("POST /_emulator/variables refuses bad bodies (400) and what GitHub would refuse (422)", async () => {
    const refused = async (body: unknown) => {
      const error = await control()
        .upsertVariable(body as VariableSeed)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmulatorControlError);
      return [(error as EmulatorControlError).status, (error as Error).message.replace(/^.*answered \d+: /, "")];
    };
    expect(await refused({ scope: "user", owner: "octocat", name: "X", value: "v" })).toEqual([
      400,
      'variable.scope must be one of "org", "repo", "environment"',
    ]);
    expect(await refused({ scope: "repo", owner: "octo-org", repository: "nope", name: "X", value: "v" })).toEqual([
      422,
      'No repository "octo-org/nope" in the fixture',
    ]);
    expect(
      await refused({
        scope: "repo",
        owner: "octo-org",
        repository: "hello-world",
        name: "X",
        value: "v",
        visibility: "all",
      }),
    ).toEqual([422, "visibility and selected_repository_ids apply to org variables only"]);
    expect(await refused({ scope: "org", owner: "octo-org", name: "github_x", value: "v" })).toEqual([
      422,
      "Failed to add variable. Name is invalid",
    ]);
  });

  test("POST /_emulator/secrets takes an app (actions by default) and the user scope", async () => {
    const dependabot = await control().upsertSecret({
      scope: "repo",
      app: "dependabot",
      owner: "octo-org",
      repository: "hello-world",
      name: "D",
      value: "d",
    });
    expect(dependabot).toMatchObject({ app: "dependabot", scope: "repo", name: "D" });
    expect((await call("GET", "/repos/octo-org/hello-world/dependabot/secrets/D")).status).toBe(200);
    expect((await call("GET", "/repos/octo-org/hello-world/actions/secrets/D")).status).toBe(404);
    const mine = await control().upsertSecret({
      scope: "user",
      app: "codespaces",
      owner: "octocat",
      name: "U",
      value: "u",
      selected_repository_ids: [HELLO_WORLD_ID],
    });
    expect(mine).toMatchObject({ app: "codespaces", scope: "user", owner: "octocat", repository: null });
    expect((await call("GET", "/user/codespaces/secrets/U")).status).toBe(200);
    expect((await call("GET", "/user/codespaces/secrets/U", { token: MONA_TOKEN })).status).toBe(404);
    for (const [seed, message] of [
      [
        {
          scope: "environment",
          app: "dependabot",
          owner: "octo-org",
          repository: "hello-world",
          environment: "production",
        },
        '"dependabot" secrets have no "environment" scope',
      ],
      [{ scope: "user", owner: "octocat" }, '"actions" secrets have no "user" scope'],
      [
        { scope: "user", app: "codespaces", owner: "octocat", visibility: "all" },
        "visibility applies to org secrets only",
      ],
      [
        { scope: "user", app: "codespaces", owner: "octocat", selected_repository_ids: [7] },
        "Invalid request.\n\nNo repository with id 7.",
      ],
    ] as const) {
      const error = await control()
        .upsertSecret({ name: "X", value: "v", ...seed } as never)
        .then(() => undefined)
        .catch((e: EmulatorControlError) => e);
      expect([error?.status, error?.message]).toEqual([
        422,
        `Emulator control POST /_emulator/secrets answered 422: ${message}`,
      ]);
    }
  });

  test("rotate-keys gives every app and scope a new key", async () => {
    const scopes = ["/repos/octo-org/hello-world/dependabot", "/orgs/octo-org/codespaces", "/user/codespaces"];
    const before = await Promise.all(
      scopes.map(async (s) => (await call("GET", `${s}/secrets/public-key`)).body.key_id),
    );
    await control().rotateKeys();
    const after = await Promise.all(
      scopes.map(async (s) => (await call("GET", `${s}/secrets/public-key`)).body.key_id),
    );
    after.forEach((id, i) => expect(id).not.toBe(before[i]));
  });

  test("fixture variables and sibling secrets are seeded, and checked like secrets with their index named", async () => {
    await reset(
      fixtureWith((f) => {
        f.variables = [{ scope: "org", owner: "octo-org", name: "REGION", value: "eu", visibility: "all" }];
        f.secrets = [{ scope: "org", app: "codespaces", owner: "octo-org", name: "C", value: "c" }];
      }),
    );
    expect((await call("GET", "/repos/octo-org/spoon-knife/actions/organization-variables")).body.variables).toEqual([
      expect.objectContaining({ name: "REGION", value: "eu" }),
    ]);
    expect((await call("GET", "/orgs/octo-org/codespaces/secrets/C")).body.visibility).toBe("private");

    const invalid = (change: (f: Fixture) => void) => () => validateFixture(fixtureWith(change));
    expect(invalid((f) => (f.variables = [{ scope: "repo", owner: "octo-org", name: "X", value: "v" }]))).toThrow(
      "variables[0].repository must be a string",
    );
    expect(
      invalid(
        (f) =>
          (f.variables = [
            { scope: "org", owner: "octo-org", name: "X", value: "v", selected_repository_ids: [HELLO_WORLD_ID] },
          ]),
      ),
    ).toThrow(
      "variables[0]: Invalid request.\n\nYou can only provide a list of repository ids when the visibility is set to selected.",
    );
    expect(
      invalid(
        (f) =>
          (f.secrets = [
            {
              scope: "environment",
              app: "codespaces",
              owner: "octo-org",
              repository: "hello-world",
              environment: "production",
              name: "X",
              value: "v",
            },
          ]),
      ),
    ).toThrow('secrets[0]: "codespaces" secrets have no "environment" scope');
    expect(invalid((f) => (f.tokens[0].user = "a/b"))).toThrow("tokens[0].user must be a login or repository name");
    expect(
      invalid((f) => (f.variables = [{ scope: "env" as never, owner: "octo-org", name: "X", value: "v" }])),
    ).toThrow('variables[0].scope must be one of "org", "repo", "environment"');
  });
});
