import { generateKeyPairSync } from "node:crypto";
import {
  defaultFixture,
  emulatorControl,
  startEmulator,
  type Emulator,
  type FaultRuleInput,
  type Fixture,
} from "../emulator";
import { createContext } from "./context";
import { repoSecret } from "./repo-secret";
import { readAppAuth } from "./read-app-auth";
import { SETTING_DEFAULTS } from "./settings";
import { asEngineSends } from "../tests/support/emulated-github";

// The provider as a GitHub App installation, through real HTTP to the emulator with the real
// Octokit client and @octokit/auth-app.
const APP_ID = 123;
const INSTALLATION_ID = 456;
const appKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
const strangerKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pem = (pair: typeof appKey) => pair.privateKey.export({ type: "pkcs1", format: "pem" }).toString();

const fixture: Fixture = {
  ...defaultFixture(),
  tokens: [],
  apps: [
    {
      id: APP_ID,
      publicKey: appKey.publicKey.export({ type: "spki", format: "pem" }).toString(),
      installations: [{ id: INSTALLATION_ID }],
    },
  ],
};

let emulator: Emulator | undefined;
afterEach(() => emulator?.close());

const served = () => emulatorControl(emulator!.url).requests();

function appContext(baseUrl: string, app: { id?: number; installationId?: number; pemFile?: string } = {}) {
  const appAuth = readAppAuth({ id: APP_ID, installationId: INSTALLATION_ID, pemFile: pem(appKey), ...app }, {});
  return createContext({ ...SETTING_DEFAULTS, pointsPerMinute: 0, baseUrl, appAuth });
}

async function write(context: ReturnType<typeof appContext>, secretName: string, plaintextValue: string) {
  const checked = await repoSecret.check(
    context,
    {},
    { owner: "octo-org", repository: "hello-world", secretName, plaintextValue },
  );
  return repoSecret.create(context, asEngineSends(checked.inputs));
}

test.each(["", "/api/v3"])(
  "writes as the installation (API prefix %j): one token exchange at the same base URL serves every request",
  async (apiPrefix) => {
    emulator = await startEmulator({ fixture, apiPrefix });
    expect(emulator.url.endsWith(apiPrefix)).toBe(true);
    const context = appContext(emulator.url);
    await Promise.all(["A", "B", "C"].map((name) => write(context, name, `value ${name}`)));
    await write(context, "D", "value D");

    const requests = await served();
    expect(requests[0]).toEqual(
      expect.objectContaining({
        method: "POST",
        path: `${apiPrefix}/app/installations/${INSTALLATION_ID}/access_tokens`,
        status: 201,
      }),
    );
    expect(requests.filter((r) => r.path.includes("/access_tokens"))).toHaveLength(1);
    expect(requests.every((r) => r.path.startsWith(`${apiPrefix}/`) && r.status < 300)).toBe(true);
    const secrets = await emulatorControl(emulator.url).secrets();
    expect(secrets.map((s) => `${s.name}=${s.value}`).sort()).toEqual([
      "A=value A",
      "B=value B",
      "C=value C",
      "D=value D",
    ]);
  },
);

test.each<[string, { id?: number; installationId?: number; pemFile?: string }, RegExp]>([
  [
    "a key of another app",
    { pemFile: pem(strangerKey) },
    /GitHub App 123 could not get an installation token for installation 456: GitHub answered 401: "A JSON web token could not be decoded"\. Check github:appAuth\.pemFile \(or GITHUB_APP_PEM_FILE\)/,
  ],
  [
    "an app id that is not the key's",
    { id: 124 },
    /GitHub App 124 could not get an installation token for installation 456: GitHub answered 401: .*github:appAuth\.id \(or GITHUB_APP_ID\)/,
  ],
  [
    "an installation the app does not have",
    { installationId: 789 },
    /GitHub App 123 could not get an installation token for installation 789: GitHub answered 404: "Not Found"\. The app has no installation 789: check github:appAuth\.installationId/,
  ],
])(
  "%s: the error names the resource, the app, the installation and what to check, never the key",
  async (_what, app, message) => {
    emulator = await startEmulator({ fixture });
    const error: Error = await write(appContext(emulator.url, app), "X", "v").then(
      () => undefined as never,
      (e) => e,
    );
    expect(error.message).toMatch(/^RepoSecret octo-org\/hello-world\/X: /);
    expect(error.message).toMatch(message);
    for (const key of [appKey, strangerKey]) {
      for (const line of pem(key).split("\n").slice(1, -2)) expect(error.message).not.toContain(line.slice(0, 24));
    }
    // Nothing but the refused exchange reached the emulator.
    expect((await served()).map((r) => r.status)).toEqual([message.source.includes("404") ? 404 : 401]);
  },
);

test("a 503 from the token exchange is retried like any other request's", async () => {
  emulator = await startEmulator({ fixture });
  const rule: FaultRuleInput = { kind: "status", status: 503, count: 1, path: "/access_tokens$" };
  await expect(emulatorControl(emulator.url).addFault(rule)).resolves.toMatchObject(rule);
  await write(appContext(emulator.url), "X", "v");
  expect((await served()).map((r) => `${r.method} ${r.path} ${r.status}`).slice(0, 2)).toEqual([
    `POST /app/installations/${INSTALLATION_ID}/access_tokens 503`,
    `POST /app/installations/${INSTALLATION_ID}/access_tokens 201`,
  ]);
});
