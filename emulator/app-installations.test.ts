import { createSign, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { components } from "@octokit/openapi-types";
import { type Emulator, type Fixture, type FixtureApp, defaultFixture, loadFixture, startEmulator } from "./index";

// The app route through real HTTP, with JWTs signed here by node:crypto so that every claim can be
// made wrong on purpose.
const APP_ID = 123;
const INSTALLATION_ID = 456;
const CLIENT_ID = "Iv23liEmulatorApp";
const UNDECODABLE = "A JSON web token could not be decoded";
const REPO_KEY = "/repos/octo-org/hello-world/actions/secrets/public-key";

const keyPair = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
const app = keyPair();
const otherKey = keyPair();
const publicPem = (pair: ReturnType<typeof keyPair>) =>
  pair.publicKey.export({ type: "spki", format: "pem" }).toString();
const now = () => Math.floor(Date.now() / 1000);

function jwt(
  claims: Record<string, unknown>,
  options: { key?: ReturnType<typeof keyPair>; alg?: string } = {},
): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const signed = `${encode({ alg: options.alg ?? "RS256", typ: "JWT" })}.${encode(claims)}`;
  const signature = createSign("sha256")
    .update(signed)
    .sign((options.key ?? app).privateKey)
    .toString("base64url");
  return `${signed}.${signature}`;
}
const validClaims = () => ({ iat: now() - 30, exp: now() + 540, iss: String(APP_ID) });

function fixture(change: (apps: FixtureApp[]) => void = () => undefined): Fixture {
  const apps: FixtureApp[] = [
    {
      id: APP_ID,
      clientId: CLIENT_ID,
      publicKey: publicPem(app),
      installations: [{ id: INSTALLATION_ID }, { id: 457, access: "read" }],
    },
    { id: 999, publicKey: publicPem(otherKey), installations: [{ id: 1000 }] },
  ];
  change(apps);
  return { ...defaultFixture(), tokens: [], apps };
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ fixture: fixture() });
});
afterAll(() => emulator.close());
beforeEach(() => control("reset", { method: "POST" }));

async function control(path: string, init?: RequestInit): Promise<any> {
  const text = await (await fetch(`${emulator.url}/_emulator/${path}`, init)).text();
  return text ? JSON.parse(text) : undefined;
}

async function call(method: string, path: string, authorization?: string, body?: unknown, base = emulator.url) {
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const exchange = (installationId: number, authorization: string | undefined, base?: string) =>
  call("POST", `/app/installations/${installationId}/access_tokens`, authorization, undefined, base);

test("a JWT signed by the app's key gets an installation token, which the API then takes until it expires", async () => {
  const before = now();
  const answer = await exchange(INSTALLATION_ID, `Bearer ${jwt(validClaims())}`);
  expect(answer.status).toBe(201);
  const body: components["schemas"]["installation-token"] = answer.body;
  expect(body).toEqual({
    token: expect.stringMatching(/^ghs_[A-Za-z0-9]{36}$/),
    expires_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    permissions: { secrets: "write", environments: "write", organization_secrets: "write", metadata: "read" },
    repository_selection: "all",
  });
  const lifetime = Date.parse(body.expires_at) / 1000 - before;
  expect(lifetime).toBeGreaterThanOrEqual(3599);
  expect(lifetime).toBeLessThanOrEqual(3601);

  expect((await call("GET", REPO_KEY, `token ${body.token}`)).status).toBe(200);
  expect(await control("installation-tokens")).toEqual([
    {
      token: body.token,
      app_id: APP_ID,
      installation_id: INSTALLATION_ID,
      access: "write",
      expires_at: body.expires_at,
    },
  ]);
  const logged = (await control("requests"))[0];
  expect(logged).toMatchObject({
    method: "POST",
    path: `/app/installations/${INSTALLATION_ID}/access_tokens`,
    status: 201,
  });

  // auth-app sends "bearer" in lower case; GitHub takes the client ID as `iss` too.
  expect((await exchange(INSTALLATION_ID, `bearer ${jwt({ ...validClaims(), iss: CLIENT_ID })}`)).status).toBe(201);
  // A reset forgets the tokens issued.
  await control("reset", { method: "POST" });
  expect((await call("GET", REPO_KEY, `token ${body.token}`)).body.message).toBe("Bad credentials");
});

test("an issued token is refused once expired", async () => {
  await control("reset", {
    method: "POST",
    body: JSON.stringify(fixture((apps) => (apps[0].tokenLifetimeSeconds = 1))),
  });
  const { body } = await exchange(INSTALLATION_ID, `Bearer ${jwt(validClaims())}`);
  expect((await call("GET", REPO_KEY, `Bearer ${body.token}`)).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  expect(await call("GET", REPO_KEY, `Bearer ${body.token}`)).toEqual({
    status: 401,
    body: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" },
  });
});

test("an installation's access carries over to its tokens", async () => {
  const { body } = await exchange(457, `Bearer ${jwt(validClaims())}`);
  expect(body.permissions.secrets).toBe("read");
  const put = await call("PUT", "/repos/octo-org/hello-world/actions/secrets/X", `Bearer ${body.token}`, {
    encrypted_value: "x",
    key_id: "1",
  });
  expect([put.status, put.body.message]).toEqual([403, "Resource not accessible by integration"]);
});

test.each<[string, () => string | undefined, number, string]>([
  ["no authorization", () => undefined, 401, "Requires authentication"],
  ["a token, not a JWT", () => "Bearer emulator-token", 401, UNDECODABLE],
  ["a JWT under the token scheme", () => `token ${jwt(validClaims())}`, 401, UNDECODABLE],
  ["a signature by another key", () => `Bearer ${jwt(validClaims(), { key: otherKey })}`, 401, UNDECODABLE],
  ["an app id the emulator does not know", () => `Bearer ${jwt({ ...validClaims(), iss: "124" })}`, 401, UNDECODABLE],
  [
    "another app's JWT for this installation",
    () => `Bearer ${jwt({ ...validClaims(), iss: 999 }, { key: otherKey })}`,
    404,
    "Not Found",
  ],
  ["an algorithm other than RS256", () => `Bearer ${jwt(validClaims(), { alg: "HS256" })}`, 401, UNDECODABLE],
  [
    "a tampered payload",
    () =>
      `Bearer ${jwt(validClaims()).replace(/\.[^.]+\./, `.${Buffer.from(JSON.stringify({ ...validClaims(), iss: 999 })).toString("base64url")}.`)}`,
    401,
    UNDECODABLE,
  ],
  [
    "an expired JWT",
    () => `Bearer ${jwt({ ...validClaims(), iat: now() - 700, exp: now() - 100 })}`,
    401,
    "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
  ],
  [
    "no exp",
    () => `Bearer ${jwt({ iat: now(), iss: APP_ID })}`,
    401,
    "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
  ],
  [
    "exp more than ten minutes after iat",
    () => `Bearer ${jwt({ ...validClaims(), iat: now() - 60, exp: now() + 600 })}`,
    401,
    "'Expiration time' claim ('exp') is too far in the future",
  ],
  [
    "exp more than ten minutes from now",
    () => `Bearer ${jwt({ ...validClaims(), iat: now() + 30, exp: now() + 630 })}`,
    401,
    "'Expiration time' claim ('exp') is too far in the future",
  ],
  [
    "iat in the future",
    () => `Bearer ${jwt({ ...validClaims(), iat: now() + 120, exp: now() + 300 })}`,
    401,
    "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
  ],
])("refused: %s", async (_what, authorization, status, message) => {
  const answer = await exchange(INSTALLATION_ID, authorization());
  expect(answer).toEqual({
    status,
    body: { message, documentation_url: "https://docs.github.com/rest", status: String(status) },
  });
  expect(await control("installation-tokens")).toEqual([]);
});

test("an installation the app does not have is not found; the app's JWT is no token for the API", async () => {
  const bearer = `Bearer ${jwt(validClaims())}`;
  expect((await exchange(4567, bearer)).status).toBe(404);
  expect((await exchange(1000, bearer)).status).toBe(404);
  expect((await call("GET", REPO_KEY, bearer)).body.message).toBe("Bad credentials");
});

test("under the GitHub Enterprise Server prefix /api/v3 the token exchange lives there too", async () => {
  const ghes = await startEmulator({ fixture: fixture(), apiPrefix: "/api/v3" });
  try {
    const bearer = `Bearer ${jwt(validClaims())}`;
    const origin = ghes.url.replace(/\/api\/v3$/, "");
    // Outside the prefix there is no app route, so the JWT is taken for a token, and refused.
    expect((await exchange(INSTALLATION_ID, bearer, origin)).body.message).toBe("Bad credentials");
    const { status, body } = await exchange(INSTALLATION_ID, bearer, ghes.url);
    expect(status).toBe(201);
    expect((await call("GET", REPO_KEY, `Bearer ${body.token}`, undefined, ghes.url)).status).toBe(200);
  } finally {
    await ghes.close();
  }
});

test.each<[string, (apps: FixtureApp[]) => void, string]>([
  [
    "a key that is no PEM",
    (apps) => (apps[0].publicKey = "-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----"),
    "apps[0].publicKey must be a PEM public key",
  ],
  [
    "a key that is not RSA",
    (apps) =>
      (apps[0].publicKey = generateKeyPairSync("ec", { namedCurve: "P-256" })
        .publicKey.export({ type: "spki", format: "pem" })
        .toString()),
    "apps[0].publicKey must be an RSA key",
  ],
  [
    "an installation id used twice",
    (apps) => apps[1].installations.push({ id: INSTALLATION_ID }),
    "apps[*].installations[3].id duplicates an earlier entry (456)",
  ],
  ["an app id used twice", (apps) => (apps[1].id = APP_ID), "apps[1].id duplicates an earlier entry (123)"],
  [
    "a lifetime of zero",
    (apps) => (apps[0].tokenLifetimeSeconds = 0),
    "apps[0].tokenLifetimeSeconds must be a positive integer",
  ],
])("a fixture with %s is refused", async (_what, change, message) => {
  const answer = await fetch(`${emulator.url}/_emulator/reset`, {
    method: "POST",
    body: JSON.stringify(fixture(change)),
  });
  expect(answer.status).toBe(400);
  expect(((await answer.json()) as { message: string }).message).toContain(message);
});

test("a fixture file's apps are read with their defaults", () => {
  const { apps } = loadFixtureText(
    JSON.stringify({
      orgs: [],
      repos: [],
      tokens: [],
      apps: [{ id: 7, publicKey: publicPem(app), installations: [{ id: 8 }] }],
    }),
  );
  expect(apps).toEqual([{ id: 7, publicKey: publicPem(app), installations: [{ id: 8, access: "write" }] }]);
});

function loadFixtureText(text: string): Fixture {
  const dir = mkdtempSync(path.join(tmpdir(), "app-fixture-"));
  try {
    writeFileSync(path.join(dir, "fixture.json"), text);
    return loadFixture(path.join(dir, "fixture.json"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
