import { configure, resourceProvider } from "./index";
import { readSettings } from "./settings";
import { asEngineSends, emulatedGitHub, TOKEN } from "../tests/support/emulated-github";

type GitHub = Awaited<ReturnType<typeof emulatedGitHub>>;
let github: GitHub;
beforeAll(async () => {
  github = await emulatedGitHub();
});
afterAll(() => github.close());

const stackConfig = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

test("settings come from the stack config keys pulumi-github uses, else from the environment", () => {
  const env = { GITHUB_TOKEN: "from-env", GITHUB_API_URL: "https://ghe.example/api/v3/" };
  expect(readSettings(stackConfig({ "github:token": "from-config", "github:baseUrl": "http://x" }), env)).toEqual({ token: "from-config", baseUrl: "http://x" });
  expect(readSettings(stackConfig({}), env)).toEqual({ token: "from-env", baseUrl: "https://ghe.example/api/v3" });
  expect(readSettings(undefined, {})).toEqual({ token: undefined, baseUrl: "https://api.github.com" });
});

test("a value checked before another resource kind configures is still there for create", async () => {
  const config = stackConfig({ "github:token": TOKEN, "github:baseUrl": github.url });
  configure(config);
  const provider = resourceProvider("RepoSecret");
  const checked = await provider.check!({}, { owner: "octo-org", repository: "hello-world", secretName: "S", plaintextValue: "v1" });
  configure(config);
  await provider.create(asEngineSends(checked.inputs));
  expect((await github.secrets()).map((s) => [s.name, s.value])).toEqual([["S", "v1"]]);
});

test("an unknown resource kind says to upgrade the installed package", () => {
  expect(() => resourceProvider("Nope")).toThrow(/no resource kind "Nope"; upgrade the package/);
});
