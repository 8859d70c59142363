import { defaultFixture } from "../emulator";
import { listEnvVariables, listOrgVariables, listRepoOrgVariables, listRepoVariables } from "./lookups";
import { emulatedGitHub, TOKEN } from "../tests/support/emulated-github";

type GitHub = Awaited<ReturnType<typeof emulatedGitHub>>;
let github: GitHub;
const ORG_VARIABLES = 120;

beforeAll(async () => {
  const fixture = defaultFixture();
  fixture.variables = [
    ...Array.from({ length: ORG_VARIABLES - 2 }, (_, i) => ({
      scope: "org" as const,
      owner: "octo-org",
      name: `BULK_${String(i).padStart(3, "0")}`,
      value: `bulk ${i}`,
      visibility: "private" as const,
    })),
    { scope: "org", owner: "octo-org", name: "TO_ALL", value: "everyone", visibility: "all" },
    {
      scope: "org",
      owner: "octo-org",
      name: "TO_SPOON",
      value: "spoon only",
      visibility: "selected",
      selected_repository_ids: [1300192],
    },
    { scope: "repo", owner: "octo-org", repository: "hello-world", name: "REGION", value: "eu-west-1" },
    {
      scope: "environment",
      owner: "octo-org",
      repository: "hello-world",
      environment: "prod/eu west",
      name: "DB_HOST",
      value: "db.internal",
    },
  ];
  github = await emulatedGitHub(fixture);
});
afterAll(() => github.close());

const options = () => ({ token: TOKEN, baseUrl: github.url });

test("an organization's variables, every page, values included", async () => {
  const variables = await listOrgVariables({ org: "octo-org" }, options());
  expect(variables).toHaveLength(ORG_VARIABLES);
  expect(variables.find((v) => v.name === "TO_SPOON")).toMatchObject({
    value: "spoon only",
    visibility: "selected",
    createdAt: expect.any(String),
    updatedAt: expect.any(String),
  });
  const pages = (await github.requests()).filter((r) => r.path === "/orgs/octo-org/actions/variables");
  // GitHub lists variables at most 30 a page, whatever per_page asks.
  expect(pages).toHaveLength(4);
});

test("a repository's, an environment's, and the organization variables a repository can read", async () => {
  const hello = { owner: "octo-org", repository: "hello-world" };
  expect(await listRepoVariables(hello, options())).toMatchObject([{ name: "REGION", value: "eu-west-1" }]);
  expect(await listEnvVariables({ ...hello, environment: "prod/eu west" }, options())).toMatchObject([
    { name: "DB_HOST", value: "db.internal" },
  ]);
  const visible = await listRepoOrgVariables({ owner: "octo-org", repository: "spoon-knife" }, options());
  expect(visible.map((v) => v.name)).toContain("TO_SPOON");
  expect(visible.find((v) => v.name === "TO_SPOON")?.value).toBe("spoon only");
  const fromHello = await listRepoOrgVariables(hello, options());
  expect(fromHello.map((v) => v.name)).not.toContain("TO_SPOON");
});

test("a missing scope fails naming the lookup", async () => {
  await expect(listRepoVariables({ owner: "octo-org", repository: "nowhere" }, options())).rejects.toThrow(
    /lookup: listing the variables of octo-org\/nowhere failed: GitHub answered 404/,
  );
});
