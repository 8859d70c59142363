import { configure, resourceProvider } from "./index";
import { readSettings } from "./settings";
import { asEngineSends, useEmulatedGitHub, TOKEN } from "../tests/support/emulated-github";

const github = useEmulatedGitHub();

const stackConfig = (values: Record<string, string>) => ({ get: (key: string) => values[key] });

test("settings come from the stack config keys pulumi-github uses, else from the environment", () => {
  const env = { GITHUB_TOKEN: "from-env", GITHUB_API_URL: "https://ghe.example/api/v3/" };
  expect(readSettings(stackConfig({ "github:token": "from-config", "github:baseUrl": "http://x" }), env)).toMatchObject(
    { token: "from-config", baseUrl: "http://x" },
  );
  expect(readSettings(stackConfig({}), env)).toMatchObject({
    token: "from-env",
    baseUrl: "https://ghe.example/api/v3",
  });
  expect(readSettings(undefined, {})).toEqual({
    token: undefined,
    baseUrl: "https://api.github.com",
    maxConcurrency: 10,
    pointsPerMinute: 900,
    minuteMs: 60000,
    requestTimeoutMs: 30000,
  });
  expect(readSettings(stackConfig({ "github:requestTimeoutMs": "5000" }), {}).requestTimeoutMs).toBe(5000);
  expect(readSettings(undefined, { GITHUB_SECRETS_REQUEST_TIMEOUT_MS: "2500" }).requestTimeoutMs).toBe(2500);
  expect(readSettings(stackConfig({ "github:maxConcurrency": "25", "github:pointsPerMinute": "0" }), {})).toMatchObject(
    { maxConcurrency: 25, pointsPerMinute: 0 },
  );
  expect(() => readSettings(stackConfig({ "github:maxConcurrency": "lots" }), {})).toThrow(
    /github:maxConcurrency is "lots"; give a whole number from 1 to 100 \(default 10\)/,
  );
});

test("a malformed base URL is a configuration error that names its source", () => {
  expect(() => readSettings(stackConfig({ "github:baseUrl": "github.example.com/api/v3" }), {})).toThrow(
    /^github:baseUrl is "github.example.com\/api\/v3", which is not a URL; give the API's address with its scheme, e\.g\. https:\/\/github\.example\.com\/api\/v3 .*Nothing was sent to GitHub\.$/,
  );
  expect(() => readSettings(undefined, { GITHUB_API_URL: "ftp://github.example.com/api/v3" })).toThrow(
    /^GITHUB_API_URL has the scheme "ftp:"; give an https:\/\/ address/,
  );
  expect(() =>
    readSettings(stackConfig({ "github:baseUrl": "https://user:pw@github.example.com/api/v3" }), {}),
  ).toThrow(/^github:baseUrl holds credentials/);
  expect(() => readSettings(stackConfig({ "github:baseUrl": "https://github.example.com/api/v3?x=1" }), {})).toThrow(
    /^github:baseUrl has a query or fragment/,
  );
  // configure() is where the provider reads them: the error is raised there, not at the first request.
  expect(() =>
    configure(stackConfig({ "github:token": TOKEN, "github:baseUrl": "github.example.com/api/v3" })),
  ).toThrow(/not a URL/);
});

test("a value checked before another resource kind configures is still there for create", async () => {
  const config = stackConfig({ "github:token": TOKEN, "github:baseUrl": github.url, "github:pointsPerMinute": "0" });
  configure(config);
  const provider = resourceProvider("RepoSecret");
  const checked = await provider.check!(
    {},
    { owner: "octo-org", repository: "hello-world", secretName: "S", plaintextValue: "v1" },
  );
  configure(config);
  await provider.create(asEngineSends(checked.inputs));
  expect((await github.secrets()).map((s) => [s.name, s.value])).toEqual([["S", "v1"]]);
});

test("an unknown resource kind says to upgrade the installed package", () => {
  expect(() => resourceProvider("Nope")).toThrow(/no resource kind "Nope"; upgrade the package/);
});
