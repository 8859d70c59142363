import { defaultFixture } from "../emulator";
import {
  getPublicKey,
  listEnvSecrets,
  listOrgSecrets,
  listRepoOrgSecrets,
  listRepoSecrets,
  listSelectedRepositories,
  listUserCodespacesSecrets,
} from "./lookups";
import { emulatedGitHub, TOKEN } from "../tests/support/emulated-github";

type GitHub = Awaited<ReturnType<typeof emulatedGitHub>>;
let github: GitHub;
const ORG_SECRETS = 130;

beforeAll(async () => {
  const fixture = defaultFixture();
  fixture.secrets = [
    ...Array.from({ length: ORG_SECRETS - 3 }, (_, i) => ({
      scope: "org" as const,
      owner: "octo-org",
      name: `BULK_${String(i).padStart(3, "0")}`,
      value: "v",
      visibility: "all" as const,
    })),
    { scope: "org", owner: "octo-org", name: "TO_ALL", value: "v", visibility: "all" },
    { scope: "org", owner: "octo-org", name: "TO_PRIVATE", value: "v", visibility: "private" },
    {
      scope: "org",
      owner: "octo-org",
      name: "TO_HELLO",
      value: "v",
      visibility: "selected",
      selected_repository_ids: [1296269],
    },
    { scope: "repo", owner: "octo-org", repository: "hello-world", name: "REPO_ONE", value: "v" },
    {
      scope: "environment",
      owner: "octo-org",
      repository: "hello-world",
      environment: "prod/eu west",
      name: "ENV_ONE",
      value: "v",
    },
    {
      scope: "repo",
      app: "dependabot",
      owner: "octo-org",
      repository: "hello-world",
      name: "DEPENDABOT_ONE",
      value: "v",
    },
    {
      scope: "org",
      app: "codespaces",
      owner: "octo-org",
      name: "CODESPACES_ORG",
      value: "v",
      visibility: "selected",
      selected_repository_ids: [1300192],
    },
    {
      scope: "user",
      app: "codespaces",
      owner: "octocat",
      name: "MINE",
      value: "v",
      selected_repository_ids: [1296269],
    },
  ];
  github = await emulatedGitHub(fixture);
});
afterAll(() => github.close());

const options = () => ({ token: TOKEN, baseUrl: github.url });

test("an organization's secrets, every page", async () => {
  const secrets = await listOrgSecrets({ org: "octo-org" }, options());
  expect(secrets).toHaveLength(ORG_SECRETS);
  expect(secrets.find((s) => s.name === "TO_HELLO")).toMatchObject({
    visibility: "selected",
    createdAt: expect.any(String),
  });
  const pages = (await github.requests()).filter((r) => r.path === "/orgs/octo-org/actions/secrets");
  expect(pages).toHaveLength(2);
});

test("repository, environment and visible organization secrets", async () => {
  expect(
    (await listRepoSecrets({ owner: "octo-org", repository: "hello-world" }, options())).map((s) => s.name),
  ).toEqual(["REPO_ONE"]);
  expect(
    (
      await listEnvSecrets({ owner: "octo-org", repository: "hello-world", environment: "prod/eu west" }, options())
    ).map((s) => s.name),
  ).toEqual(["ENV_ONE"]);
  const helloSees = (await listRepoOrgSecrets({ owner: "octo-org", repository: "hello-world" }, options())).map(
    (s) => s.name,
  );
  const spoonSees = (await listRepoOrgSecrets({ owner: "octo-org", repository: "spoon-knife" }, options())).map(
    (s) => s.name,
  );
  expect(helloSees).toContain("TO_HELLO");
  expect(helloSees).not.toContain("TO_PRIVATE");
  expect(spoonSees).toContain("TO_PRIVATE");
  expect(spoonSees).not.toContain("TO_HELLO");
});

test("the repositories selected for a secret, and each scope's public key", async () => {
  expect(await listSelectedRepositories({ org: "octo-org", secretName: "to_hello" }, options())).toEqual([
    { id: 1296269, fullName: "octo-org/hello-world" },
  ]);
  const direct = async (path: string) =>
    (await fetch(`${github.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
  const cases: Array<[Parameters<typeof getPublicKey>[0], string]> = [
    [{ org: "octo-org" }, "/orgs/octo-org/actions/secrets/public-key"],
    [{ owner: "octo-org", repository: "hello-world" }, "/repos/octo-org/hello-world/actions/secrets/public-key"],
    [
      { owner: "octo-org", repository: "hello-world", environment: "prod/eu west" },
      "/repos/octo-org/hello-world/environments/prod%2Feu%20west/secrets/public-key",
    ],
  ];
  for (const [scope, path] of cases) {
    const expected = (await direct(path)) as { key_id: string; key: string };
    expect(await getPublicKey(scope, options())).toEqual({ keyId: expected.key_id, key: expected.key });
  }
});

test("a lookup that fails says which lookup and what to do", async () => {
  await expect(listRepoSecrets({ owner: "octo-org", repository: "missing" }, options())).rejects.toThrow(
    /^lookup: listing the secrets of octo-org\/missing failed: GitHub answered 404.*Check the names and the token's access/,
  );
});

test("another application's secrets, keys and selections; the user's own Codespaces secrets", async () => {
  expect(
    (await listRepoSecrets({ owner: "octo-org", repository: "hello-world", app: "dependabot" }, options())).map(
      (s) => s.name,
    ),
  ).toEqual(["DEPENDABOT_ONE"]);
  expect(
    (await listRepoSecrets({ owner: "octo-org", repository: "hello-world" }, options())).map((s) => s.name),
  ).toEqual(["REPO_ONE"]);
  expect(await listOrgSecrets({ org: "octo-org", app: "codespaces" }, options())).toEqual([
    expect.objectContaining({ name: "CODESPACES_ORG", visibility: "selected" }),
  ]);
  expect(
    await listSelectedRepositories({ org: "octo-org", secretName: "CODESPACES_ORG", app: "codespaces" }, options()),
  ).toEqual([{ id: 1300192, fullName: "octo-org/spoon-knife" }]);
  expect((await listUserCodespacesSecrets(options())).map((s) => s.name)).toEqual(["MINE"]);
  expect(await listSelectedRepositories({ user: true, secretName: "MINE" }, options())).toEqual([
    { id: 1296269, fullName: "octo-org/hello-world" },
  ]);
  // Each application has its own key for the same repository.
  const keys = await Promise.all(
    (["actions", "dependabot", "codespaces"] as const).map((app) =>
      getPublicKey({ owner: "octo-org", repository: "hello-world", app }, options()),
    ),
  );
  expect(new Set(keys.map((k) => k.key)).size).toBe(3);
  expect((await getPublicKey({ user: true }, options())).key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  const paths = (await github.requests()).map((r) => r.path);
  expect(paths).toEqual(
    expect.arrayContaining([
      "/repos/octo-org/hello-world/dependabot/secrets",
      "/orgs/octo-org/codespaces/secrets/CODESPACES_ORG/repositories",
      "/user/codespaces/secrets",
      "/user/codespaces/secrets/MINE/repositories",
      "/repos/octo-org/hello-world/codespaces/secrets/public-key",
      "/user/codespaces/secrets/public-key",
    ]),
  );
});
