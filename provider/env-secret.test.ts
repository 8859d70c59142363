import { defaultFixture } from "../emulator";
import { envSecret } from "./env-secret";
import { asEngineSends, emulatedGitHub } from "../tests/support/emulated-github";

const AWKWARD = "50%: canary/eu west";
type GitHub = Awaited<ReturnType<typeof emulatedGitHub>>;
let github: GitHub;
beforeAll(async () => {
  const fixture = defaultFixture();
  fixture.repos[0].environments!.push(AWKWARD);
  github = await emulatedGitHub(fixture);
});
afterAll(() => github.close());
beforeEach(() => github.reset());

const args = (environment: string, value: string) => ({
  owner: "octo-org",
  repository: "hello-world",
  environment,
  secretName: "db_password",
  plaintextValue: value,
});

test.each(["production", "prod/eu west", AWKWARD])(
  "environment %p: each path segment is encoded exactly once",
  async (environment) => {
    const context = github.context();
    const checked = await envSecret.check(context, {}, args(environment, "v-1"));
    const created = await envSecret.create(context, asEngineSends(checked.inputs));

    const stored = (await github.secrets()).find((s) => s.scope === "environment");
    expect(stored).toMatchObject({ environment, name: "DB_PASSWORD", value: "v-1" });
    expect(created.id).toBe(`octo-org/hello-world/${encodeURIComponent(environment)}/DB_PASSWORD`);
    const paths = (await github.requests()).map((r) => r.path);
    expect(paths).toContain(
      `/repos/octo-org/hello-world/environments/${encodeURIComponent(environment)}/secrets/DB_PASSWORD`.replace(
        "DB_PASSWORD",
        "db_password",
      ),
    );

    // A later run (`pulumi destroy`): a provider process of its own.
    await envSecret.delete(github.context(), created.id, asEngineSends(created.outs));
    expect(await github.secrets()).toEqual([]);
  },
);

test("each environment has its own key: one fetch per environment, none shared with the repository", async () => {
  const context = github.context();
  for (const environment of ["production", "prod/eu west", "production"]) {
    const checked = await envSecret.check(
      context,
      {},
      { ...args(environment, "v"), secretName: `S_${environment.length}_${Math.random().toString(36).slice(2)}` },
    );
    await envSecret.create(context, asEngineSends(checked.inputs));
  }
  const keyFetches = (await github.requests()).filter((r) => r.path.endsWith("/public-key")).map((r) => r.path);
  expect(keyFetches).toEqual([
    "/repos/octo-org/hello-world/environments/production/secrets/public-key",
    "/repos/octo-org/hello-world/environments/prod%2Feu%20west/secrets/public-key",
  ]);
});

test("moving a secret to another environment replaces it; an already-encoded name is refused", async () => {
  const context = github.context();
  const checked = asEngineSends((await envSecret.check(context, {}, args("production", "v"))).inputs);
  const moved = asEngineSends((await envSecret.check(context, checked, args("prod/eu west", "v"))).inputs);
  expect(await envSecret.diff(context, "id", checked, moved)).toMatchObject({
    replaces: ["environment"],
    deleteBeforeReplace: true,
  });

  await expect(envSecret.check(context, {}, args("prod%2Feu%20west", "v"))).rejects.toThrow(
    /environment: .*looks percent-encoded; give the name as it reads/,
  );
});

test("a missing environment is named as such, apart from a missing repository", async () => {
  const context = github.context();
  const create = async (repository: string, environment: string) => {
    const checked = await envSecret.check(context, {}, { ...args(environment, "v"), repository });
    return envSecret.create(context, asEngineSends(checked.inputs));
  };
  await expect(create("hello-world", "staging")).rejects.toThrow(
    /GitHub does not know the environment "staging" of octo-org\/hello-world \(environments are created in the repository's settings\)/,
  );
  await expect(create("gone", "staging")).rejects.toThrow(/GitHub does not know the repository octo-org\/gone,/);
});
