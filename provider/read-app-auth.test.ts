import { generateKeyPairSync } from "node:crypto";
import { readSettings, type ConfigSource } from "./settings";

// Which credentials the provider takes from the stack config and the environment, and what it
// says, before any request, when they are wrong: never the key itself.
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
// GitHub hands out PKCS#1 keys ("BEGIN RSA PRIVATE KEY").
const PEM = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
const PKCS8 = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const PEM_BODY_LINE = PEM.split("\n")[5];
const APP = { id: "123", installationId: "456", pemFile: PEM };
const APP_ENV = { GITHUB_APP_ID: "123", GITHUB_APP_INSTALLATION_ID: "456", GITHUB_APP_PEM_FILE: PEM };

const stackConfig = (values: Record<string, unknown>): ConfigSource => ({
  get: (key) => values[key] as string | undefined,
});
const credentials = (config: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) => {
  const { token, appAuth } = readSettings(stackConfig(config), env);
  return { token, appAuth };
};
const expected = { token: undefined, appAuth: { appId: "123", installationId: 456, privateKey: PKCS8 } };

test("github:appAuth, as JSON or as the object the engine may hand over, numbers or digits, the key as PKCS#8", () => {
  expect(credentials({ "github:appAuth": JSON.stringify(APP) })).toEqual(expected);
  expect(credentials({ "github:appAuth": { id: 123, installationId: 456, pemFile: PEM } })).toEqual(expected);
  // A key with its line breaks written as \n, as environment variables and CI secrets often hold it.
  expect(
    credentials({ "github:appAuth": JSON.stringify({ ...APP, pemFile: PEM.trim().replace(/\n/g, "\\n") }) }),
  ).toEqual(expected);
  // The client ID works as well as the app's id.
  expect(credentials({ "github:appAuth": JSON.stringify({ ...APP, id: "Iv23liAbC123" }) }).appAuth?.appId).toBe(
    "Iv23liAbC123",
  );
});

test("precedence: the stack config before the environment, the app before the token; both in the stack config is refused", () => {
  expect(credentials({}, APP_ENV)).toEqual(expected);
  expect(credentials({}, { ...APP_ENV, GITHUB_TOKEN: "ambient" })).toEqual(expected);
  expect(credentials({ "github:token": "configured" }, APP_ENV)).toEqual({ token: "configured", appAuth: undefined });
  expect(credentials({ "github:appAuth": JSON.stringify(APP) }, { GITHUB_TOKEN: "ambient" })).toEqual(expected);
  // Fields github:appAuth leaves out come from their variables.
  expect(
    credentials(
      { "github:appAuth": JSON.stringify({ id: "123" }) },
      { GITHUB_APP_INSTALLATION_ID: "456", GITHUB_APP_PEM_FILE: PEM },
    ),
  ).toEqual(expected);
  expect(credentials({}, { GITHUB_TOKEN: "ambient" })).toEqual({ token: "ambient", appAuth: undefined });
  expect(credentials({}, {})).toEqual({ token: undefined, appAuth: undefined });
  expect(() => credentials({ "github:token": "t", "github:appAuth": JSON.stringify(APP) })).toThrow(
    "The stack config sets both github:token and github:appAuth; keep one (`pulumi config rm github:token` to authenticate as the GitHub App). Nothing was sent to GitHub.",
  );
});

test.each<[string, Record<string, unknown>, NodeJS.ProcessEnv, string]>([
  [
    "a missing field",
    { "github:appAuth": JSON.stringify({ id: "123", pemFile: PEM }) },
    {},
    "github:appAuth has no installationId (nor is GITHUB_APP_INSTALLATION_ID set): a GitHub App installation needs its id, installationId and pemFile. Nothing was sent to GitHub.",
  ],
  [
    "variables short of one",
    {},
    { GITHUB_APP_ID: "123", GITHUB_APP_PEM_FILE: PEM },
    "GITHUB_APP_ID and GITHUB_APP_PEM_FILE set, but not GITHUB_APP_INSTALLATION_ID: a GitHub App installation needs",
  ],
  [
    "a field it does not take",
    { "github:appAuth": JSON.stringify({ ...APP, privateKey: PEM }) },
    {},
    'github:appAuth has "privateKey", which it does not take; its fields are id, installationId and pemFile.',
  ],
  [
    "text that is no object",
    { "github:appAuth": `{"id": 123, "pemFile": "${PEM_BODY_LINE}` },
    {},
    "github:appAuth must be an object with the fields id, installationId and pemFile",
  ],
  [
    "an app id that is a name",
    { "github:appAuth": JSON.stringify({ ...APP, id: "my-app" }) },
    {},
    "github:appAuth.id must be the GitHub App's id (digits, shown on the app's settings page as \"App ID\") or its client ID (Iv...).",
  ],
  [
    "an installation id that is no number",
    {},
    { ...APP_ENV, GITHUB_APP_INSTALLATION_ID: "octo-org" },
    "GITHUB_APP_INSTALLATION_ID must be the installation's id",
  ],
  [
    "a path for the key",
    { "github:appAuth": JSON.stringify({ ...APP, pemFile: "./app.private-key.pem" }) },
    {},
    "github:appAuth.pemFile is not a PEM private key: give the contents of the private key file GitHub generated for the app",
  ],
  [
    "a key cut short",
    {},
    { ...APP_ENV, GITHUB_APP_PEM_FILE: PEM.slice(0, 400) },
    "GITHUB_APP_PEM_FILE is not an RSA private key in PEM form (is it cut short, or another key?)",
  ],
  [
    "a key that is not RSA",
    {},
    {
      ...APP_ENV,
      GITHUB_APP_PEM_FILE: generateKeyPairSync("ec", { namedCurve: "P-256" })
        .privateKey.export({ type: "pkcs8", format: "pem" })
        .toString(),
    },
    "GITHUB_APP_PEM_FILE is not an RSA private key in PEM form",
  ],
])("refused before any request: %s, naming the field and not showing the key", (_what, config, env, message) => {
  let thrown: Error | undefined;
  try {
    credentials(config, env);
  } catch (error) {
    thrown = error as Error;
  }
  expect(thrown?.message).toContain(message);
  expect(thrown?.message).not.toContain(PEM_BODY_LINE);
  expect(thrown?.message).not.toContain(PEM_BODY_LINE.slice(0, 20));
});
