import { request as httpRequest } from "node:http";
import sodium from "libsodium-wrappers";
import { type Emulator, type Fixture, type SecretSeed, defaultFixture, startEmulator } from "./index";
import { type Answer, emulatorApi, githubError, sealWith } from "../tests/support/emulator-api";

const TOKEN = "emulator-token";
const READ_TOKEN = "read-token";
const HELLO_WORLD_ID = 1296269;
const SPOON_KNIFE_ID = 1300192;
const ORG = "/orgs/octo-org/actions";
const REPO = "/repos/octo-org/hello-world/actions";
const PRIVATE_REPO = "/repos/octo-org/spoon-knife/actions";
const ENV = "/repos/octo-org/hello-world/environments/production";
const SECRETS_DOCS = "https://docs.github.com/rest/actions/secrets";
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

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
  fixture.tokens.push({ token: READ_TOKEN, access: "read" });
  change(fixture);
  return fixture;
}

async function putSecret(scope: string, name: string, value: string, extra: object = {}): Promise<Answer> {
  return call("PUT", `${scope}/secrets/${name}`, { body: { ...(await sealed(scope, value)), ...extra } });
}

/**
 * A GET sent the way a client sends it to its HTTP proxy, the emulator standing in as that proxy:
 * the whole URL as the target, the URL's host as `Host`.
 */
async function viaProxy(url: string): Promise<{ status: number; link: string; body: any }> {
  const { port } = new URL(emulator.url);
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${TOKEN}`, host: new URL(url).host };
    httpRequest({ host: "127.0.0.1", port, path: url, headers }, (res) => {
      let text = "";
      res
        .on("data", (chunk) => (text += chunk))
        .on("end", () => resolve({ status: res.statusCode!, link: String(res.headers.link), body: JSON.parse(text) }));
    })
      .on("error", reject)
      .end();
  });
}

async function storedSecrets(): Promise<Array<Record<string, unknown>>> {
  return (await call("GET", "/_emulator/secrets", { token: null })).body;
}

function seeds(count: number, seed: Omit<SecretSeed, "name" | "value">): SecretSeed[] {
  return Array.from({ length: count }, (_, i) => ({
    ...seed,
    name: `SEED_${String(i).padStart(4, "0")}`,
    value: `v${i}`,
  }));
}

describe("authentication, versions and headers", () => {
  test("a missing Authorization header is 401 Requires authentication", async () => {
    const answer = await call("GET", `${REPO}/secrets`, { token: null });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(githubError(401, "Requires authentication"));
  });

  test("an unknown token is 401 Bad credentials", async () => {
    const answer = await call("GET", `${REPO}/secrets`, { token: "nope" });
    expect(answer.status).toBe(401);
    expect(answer.text).toBe(
      '{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}',
    );
  });

  test("both the Bearer and the token schemes are accepted", async () => {
    for (const authorization of [`Bearer ${TOKEN}`, `token ${TOKEN}`, `bearer ${TOKEN}`]) {
      expect((await call("GET", `${REPO}/secrets`, { token: null, headers: { authorization } })).status).toBe(200);
    }
    expect(
      (await call("GET", `${REPO}/secrets`, { token: null, headers: { authorization: `Basic ${TOKEN}` } })).status,
    ).toBe(401);
  });

  test("X-GitHub-Api-Version defaults to 2022-11-28, accepts 2026-03-10 and refuses others with 400", async () => {
    expect((await call("GET", `${REPO}/secrets`)).headers.get("x-github-api-version-selected")).toBe("2022-11-28");
    const newest = await call("GET", `${REPO}/secrets`, { headers: { "x-github-api-version": "2026-03-10" } });
    expect(newest.status).toBe(200);
    expect(newest.headers.get("x-github-api-version-selected")).toBe("2026-03-10");
    const unknown = await call("GET", `${REPO}/secrets`, { headers: { "x-github-api-version": "2021-01-01" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual(
      githubError(
        400,
        'The version you specified in the "X-GitHub-Api-Version" request header, "2021-01-01", is not a supported version. The following versions are currently supported: "2026-03-10" (most recent), "2022-11-28".',
      ),
    );
  });

  test("answers carry GitHub's content type and rate-limit headers", async () => {
    const first = await call("GET", `${REPO}/secrets`);
    const second = await call("GET", `${REPO}/secrets`);
    expect(first.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(first.headers.get("x-ratelimit-limit")).toBe("5000");
    expect(first.headers.get("x-ratelimit-resource")).toBe("core");
    expect(Number(second.headers.get("x-ratelimit-used"))).toBe(Number(first.headers.get("x-ratelimit-used")) + 1);
    expect(Number(second.headers.get("x-ratelimit-remaining"))).toBe(
      5000 - Number(second.headers.get("x-ratelimit-used")),
    );
    expect(Number(first.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    const anonymous = await call("GET", `${REPO}/secrets`, { token: null });
    expect(anonymous.headers.get("x-ratelimit-limit")).toBe("60");
  });

  test("a request target in absolute form, as a client sends it to its proxy, is served like the path alone", async () => {
    const answer = await viaProxy(`http://api.github.localhost${REPO}/secrets/public-key`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual((await call("GET", `${REPO}/secrets/public-key`)).body);
  });

  test("unknown routes, trailing slashes and unsupported methods are 404 with GitHub's body", async () => {
    for (const [method, path] of [
      ["GET", "/nothing/here"],
      ["GET", `${REPO}/secrets/`],
      ["POST", `${REPO}/secrets`],
      ["PATCH", `${ORG}/secrets/X`],
      ["GET", "/repos/octo-org"],
    ]) {
      const answer = await call(method, path);
      expect([method, path, answer.status]).toEqual([method, path, 404]);
      expect(answer.text).toBe(
        '{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}',
      );
    }
  });

  test("a read token may read but gets 403 on every write", async () => {
    await reset(
      fixtureWith(
        (f) =>
          (f.secrets = [{ scope: "repo", owner: "octo-org", repository: "hello-world", name: "KEEP", value: "x" }]),
      ),
    );
    expect((await call("GET", `${REPO}/secrets`, { token: READ_TOKEN })).status).toBe(200);
    expect((await call("GET", `${REPO}/secrets/public-key`, { token: READ_TOKEN })).status).toBe(200);
    const body = await sealed(REPO, "v");
    const put = await call("PUT", `${REPO}/secrets/NEW`, { token: READ_TOKEN, body });
    expect(put.status).toBe(403);
    expect(put.body).toEqual(
      githubError(
        403,
        "Resource not accessible by personal access token",
        `${SECRETS_DOCS}#create-or-update-a-repository-secret`,
      ),
    );
    expect((await call("DELETE", `${REPO}/secrets/KEEP`, { token: READ_TOKEN })).status).toBe(403);
    expect(
      (
        await call("PUT", `${ORG}/secrets/KEEP/repositories`, {
          token: READ_TOKEN,
          body: { selected_repository_ids: [] },
        })
      ).status,
    ).toBe(403);
    expect((await storedSecrets()).map((s) => s.name)).toEqual(["KEEP"]);
  });
});

describe("public keys", () => {
  test("each org, repository and environment has its own 32-byte key, stable between calls", async () => {
    const scopes = [ORG, REPO, PRIVATE_REPO, ENV, "/repos/octo-org/hello-world/environments/prod%2Feu%20west"];
    const keys = [];
    for (const scope of scopes) {
      const { status, body } = await call("GET", `${scope}/secrets/public-key`);
      expect(status).toBe(200);
      expect(Object.keys(body).sort()).toEqual(["key", "key_id"]);
      expect(body.key_id).toMatch(/^\d+$/);
      expect(body.key).toHaveLength(44);
      expect(sodium.from_base64(body.key, sodium.base64_variants.ORIGINAL)).toHaveLength(32);
      expect((await call("GET", `${scope}/secrets/public-key`)).body).toEqual(body);
      keys.push(body);
    }
    expect(new Set(keys.map((k) => k.key)).size).toBe(scopes.length);
    expect(new Set(keys.map((k) => k.key_id)).size).toBe(scopes.length);
  });

  test("unknown scopes are 404", async () => {
    for (const scope of [
      "/orgs/nope/actions",
      "/repos/octo-org/nope/actions",
      "/repos/nope/hello-world/actions",
      "/repos/octo-org/hello-world/environments/nope",
    ]) {
      const answer = await call("GET", `${scope}/secrets/public-key`);
      expect([scope, answer.status]).toEqual([scope, 404]);
      expect(answer.body).toEqual(githubError(404, "Not Found"));
    }
  });
});

describe("repository secrets", () => {
  test("PUT creates with 201 {} then updates with 204 and no body; the emulator holds the plaintext", async () => {
    const created = await putSecret(REPO, "api_key", "first value");
    expect(created.status).toBe(201);
    expect(created.text).toBe("{}");
    const before = (await call("GET", `${REPO}/secrets/API_KEY`)).body;
    expect(before).toEqual({
      name: "API_KEY",
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: before.created_at,
    });

    const updated = await putSecret(REPO, "API_KEY", "second value");
    expect(updated.status).toBe(204);
    expect(updated.text).toBe("");
    expect(updated.headers.get("content-type")).toBeNull();
    const after = (await call("GET", `${REPO}/secrets/api_key`)).body;
    expect(after.created_at).toBe(before.created_at);
    expect(after.updated_at > before.updated_at).toBe(true);

    expect(await storedSecrets()).toEqual([
      {
        app: "actions",
        scope: "repo",
        owner: "octo-org",
        repository: "hello-world",
        environment: null,
        name: "API_KEY",
        value: "second value",
        visibility: null,
        selected_repository_ids: null,
        created_at: after.created_at,
        updated_at: after.updated_at,
      },
    ]);
  });

  test("names, owners and repositories are case-insensitive", async () => {
    expect((await putSecret("/repos/OCTO-ORG/Hello-World/actions", "MixedCase", "v")).status).toBe(201);
    expect((await putSecret(REPO, "MIXEDCASE", "w")).status).toBe(204);
    expect((await call("GET", "/repos/Octo-Org/HELLO-WORLD/actions/secrets/mixedcase")).body.name).toBe("MIXEDCASE");
    expect((await call("GET", `${REPO}/secrets`)).body.secrets.map((s: { name: string }) => s.name)).toEqual([
      "MIXEDCASE",
    ]);
    expect((await call("DELETE", `${REPO}/secrets/mixedCASE`)).status).toBe(204);
  });

  test("DELETE is 204, then 404; GET of a missing secret is 404", async () => {
    await putSecret(REPO, "GONE", "v");
    const deleted = await call("DELETE", `${REPO}/secrets/GONE`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect(await call("DELETE", `${REPO}/secrets/GONE`)).toMatchObject({
      status: 404,
      body: githubError(404, "Not Found"),
    });
    expect(await call("GET", `${REPO}/secrets/GONE`)).toMatchObject({
      status: 404,
      body: githubError(404, "Not Found"),
    });
  });

  test("secrets of unknown repositories are 404", async () => {
    for (const scope of ["/repos/octo-org/nope/actions", "/repos/nobody/hello-world/actions"]) {
      expect((await call("GET", `${scope}/secrets`)).status).toBe(404);
      expect((await call("GET", `${scope}/secrets/X`)).status).toBe(404);
      expect((await call("DELETE", `${scope}/secrets/X`)).status).toBe(404);
      const put = await call("PUT", `${scope}/secrets/X`, { body: await sealed(REPO, "v") });
      expect(put).toMatchObject({ status: 404, body: githubError(404, "Not Found") });
    }
  });

  test("an unparsable body is 400 Problems parsing JSON; a non-object body is 400 too", async () => {
    const answer = await call("PUT", `${REPO}/secrets/X`, { raw: "{not json" });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(
      githubError(400, "Problems parsing JSON", `${SECRETS_DOCS}#create-or-update-a-repository-secret`),
    );
    expect(await call("PUT", `${REPO}/secrets/X`, { raw: "[1]" })).toMatchObject({
      status: 400,
      body: { message: "Body should be a JSON object" },
    });
  });

  test("missing or mistyped fields are 422 with GitHub's messages", async () => {
    const { key_id, encrypted_value } = await sealed(REPO, "v");
    const cases: Array<[unknown, string]> = [
      [{ key_id }, 'Invalid request.\n\n"encrypted_value" wasn\'t supplied.'],
      [{ encrypted_value }, 'Invalid request.\n\n"key_id" wasn\'t supplied.'],
      [{}, 'Invalid request.\n\n"encrypted_value", "key_id" weren\'t supplied.'],
      [{ encrypted_value, key_id: 12 }, "Invalid request.\n\nFor 'properties/key_id', 12 is not a string."],
    ];
    for (const [body, message] of cases) {
      const answer = await call("PUT", `${REPO}/secrets/X`, { body });
      expect(answer.status).toBe(422);
      expect(answer.body).toEqual(githubError(422, message, `${SECRETS_DOCS}#create-or-update-a-repository-secret`));
    }
    expect((await call("PUT", `${REPO}/secrets/X`)).body.message).toBe(
      'Invalid request.\n\n"encrypted_value", "key_id" weren\'t supplied.',
    );
  });

  test("an encrypted_value that is not standard base64 is 422", async () => {
    const { key_id } = await sealed(REPO, "v");
    for (const encrypted_value of ["not base64!", "abc", "", "YWJj-_==", "YWJjZA"]) {
      const answer = await call("PUT", `${REPO}/secrets/X`, { body: { encrypted_value, key_id } });
      expect(answer.status).toBe(422);
      expect(answer.body.message).toBe(
        `Invalid request.\n\n${JSON.stringify(encrypted_value)} does not match /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/.`,
      );
    }
  });

  test("a value that does not open with the scope's current key is 422 improperly encrypted", async () => {
    const message = "Bad request - validation failed due to an improperly encrypted secret";
    const good = await sealed(REPO, "v");
    const otherScope = await sealed(PRIVATE_REPO, "v");
    const cases = [
      { encrypted_value: good.encrypted_value, key_id: "12345" },
      { encrypted_value: good.encrypted_value, key_id: otherScope.key_id },
      { encrypted_value: otherScope.encrypted_value, key_id: good.key_id },
      { encrypted_value: Buffer.from("plain text, not sealed").toString("base64"), key_id: good.key_id },
      { encrypted_value: "c2VjcmV0", key_id: good.key_id },
    ];
    for (const body of cases) {
      const answer = await call("PUT", `${REPO}/secrets/X`, { body });
      expect(answer.status).toBe(422);
      expect(answer.body).toEqual(githubError(422, message, `${SECRETS_DOCS}#create-or-update-a-repository-secret`));
    }
    expect(await storedSecrets()).toEqual([]);
  });

  test("invalid names are 422 Failed to add secret. Name is invalid", async () => {
    for (const name of ["1ABC", "GITHUB_TOKEN", "github_anything", "Github_X", "A-B", "%C3%84B", "A%20B"]) {
      const answer = await putSecret(REPO, name, "v");
      expect([name, answer.status, answer.body.message]).toEqual([name, 422, "Failed to add secret. Name is invalid"]);
    }
    for (const name of ["_X", "a1", "GITHUB", "MY_GITHUB_TOKEN"]) {
      expect([name, (await putSecret(REPO, name, "v")).status]).toEqual([name, 201]);
    }
  });

  test("a value of 48 KB (49,152 bytes) is accepted, one byte more is 422", async () => {
    expect((await putSecret(REPO, "BIG", "x".repeat(49_152))).status).toBe(201);
    const tooBig = await putSecret(REPO, "TOO_BIG", "x".repeat(49_153));
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.message).toMatch(/48 KB/);
    const multibyte = await putSecret(REPO, "TOO_BIG", "é".repeat(24_577));
    expect(multibyte.status).toBe(422);
    expect((await storedSecrets()).map((s) => [s.name, (s.value as string).length])).toEqual([["BIG", 49_152]]);
  });

  test("binary and unicode values round-trip", async () => {
    await putSecret(REPO, "UNICODE", "ünïcødé ✓ 🔑\nline 2");
    expect((await storedSecrets())[0].value).toBe("ünïcødé ✓ 🔑\nline 2");
  });

  test("a repository holds at most 100 secrets; updates still work at the limit", async () => {
    await reset(
      fixtureWith((f) => (f.secrets = seeds(100, { scope: "repo", owner: "octo-org", repository: "hello-world" }))),
    );
    const full = await putSecret(REPO, "ONE_MORE", "v");
    expect(full.status).toBe(422);
    expect(full.body.message).toMatch(/maximum of 100 secrets/);
    expect((await putSecret(REPO, "SEED_0000", "new")).status).toBe(204);
    expect((await putSecret(PRIVATE_REPO, "ONE_MORE", "v")).status).toBe(201);
  });
});

describe("environment secrets", () => {
  const names = ["prod/eu west", "50% canary", "stage:blue", "prod%2Feu"];
  const envFixture = () => fixtureWith((f) => f.repos[0].environments!.push(...names.slice(1)));

  test("the older paths under /repositories/{repository_id} serve the same environment secrets", async () => {
    const byId = `/repositories/${HELLO_WORLD_ID}/environments/production`;
    expect((await call("GET", `${byId}/secrets/public-key`)).body).toEqual(
      (await call("GET", `${ENV}/secrets/public-key`)).body,
    );
    expect((await putSecret(byId, "BY_ID", "v1")).status).toBe(201);
    expect((await call("GET", `${ENV}/secrets/BY_ID`)).status).toBe(200);
    expect((await call("GET", `${byId}/secrets`)).body.secrets.map((s: { name: string }) => s.name)).toEqual(["BY_ID"]);
    expect((await call("DELETE", `${byId}/secrets/BY_ID`)).status).toBe(204);
    expect((await call("GET", `${ENV}/secrets/BY_ID`)).status).toBe(404);
    expect((await call("GET", `/repositories/999/environments/production/secrets/public-key`)).status).toBe(404);
    expect((await call("GET", `/repositories/octo-org/environments/production/secrets/public-key`)).status).toBe(404);
  });

  test("names with /, space, % and : are addressed URL-encoded, each segment decoded once", async () => {
    await reset(envFixture());
    for (const name of names) {
      const scope = `/repos/octo-org/hello-world/environments/${encodeURIComponent(name)}`;
      expect(
        (await call("GET", `/repos/octo-org/hello-world/environments/${encodeURIComponent(name)}`)).body.name,
      ).toBe(name);
      expect([name, (await putSecret(scope, "TOKEN", `value of ${name}`)).status]).toEqual([name, 201]);
      expect((await call("GET", `${scope}/secrets/TOKEN`)).status).toBe(200);
    }
    const stored = await storedSecrets();
    expect(stored.map((s) => [s.environment, s.value])).toEqual(
      expect.arrayContaining(names.map((n) => [n, `value of ${n}`])),
    );
    // `prod%2Feu` sent once-encoded is `prod/eu`, which does not exist; double-encoded it is the literal name.
    expect((await call("GET", "/repos/octo-org/hello-world/environments/prod%2Feu/secrets")).status).toBe(404);
    expect((await call("GET", "/repos/octo-org/hello-world/environments/prod%252Feu/secrets")).body.total_count).toBe(
      1,
    );
    expect((await call("GET", "/repos/octo-org/hello-world/environments/stage:blue/secrets")).body.total_count).toBe(1);
    expect((await call("GET", "/repos/octo-org/hello-world/environments/prod/eu%20west/secrets")).status).toBe(404);
    expect((await call("GET", "/repos/octo-org/hello-world/environments/bad%ZZ/secrets")).status).toBe(404);
  });

  test("environment secrets are separate from the repository's and from other environments'", async () => {
    await putSecret(ENV, "SHARED_NAME", "env");
    await putSecret(REPO, "SHARED_NAME", "repo");
    expect((await putSecret(ENV, "shared_name", "env 2")).status).toBe(204);
    expect((await call("GET", "/repos/octo-org/hello-world/environments/prod%2Feu%20west/secrets")).body).toEqual({
      total_count: 0,
      secrets: [],
    });
    expect((await storedSecrets()).map((s) => [s.scope, s.environment, s.value])).toEqual([
      ["repo", null, "repo"],
      ["environment", "production", "env 2"],
    ]);
    expect((await call("DELETE", `${ENV}/secrets/SHARED_NAME`)).status).toBe(204);
    expect((await call("DELETE", `${ENV}/secrets/SHARED_NAME`)).status).toBe(404);
    expect((await call("GET", `${REPO}/secrets/SHARED_NAME`)).status).toBe(200);
  });

  test("environment names are case-insensitive; unknown environments are 404", async () => {
    expect((await putSecret("/repos/octo-org/hello-world/environments/PRODUCTION", "X", "v")).status).toBe(201);
    expect((await call("GET", `${ENV}/secrets/x`)).status).toBe(200);
    expect((await call("GET", "/repos/octo-org/hello-world/environments/staging/secrets")).status).toBe(404);
    expect((await call("GET", "/repos/octo-org/spoon-knife/environments/production/secrets")).status).toBe(404);
  });

  test("an environment holds at most 100 secrets; the same names still fit elsewhere", async () => {
    await reset(
      fixtureWith(
        (f) =>
          (f.secrets = seeds(100, {
            scope: "environment",
            owner: "octo-org",
            repository: "hello-world",
            environment: "production",
          })),
      ),
    );
    expect((await putSecret(ENV, "ONE_MORE", "v")).status).toBe(422);
    expect((await putSecret(REPO, "ONE_MORE", "v")).status).toBe(201);
  });
});

describe("organization secrets", () => {
  test("visibility is required and checked", async () => {
    const body = await sealed(ORG, "v");
    expect((await call("PUT", `${ORG}/secrets/X`, { body })).body).toEqual(
      githubError(
        422,
        'Invalid request.\n\n"visibility" wasn\'t supplied.',
        `${SECRETS_DOCS}#create-or-update-an-organization-secret`,
      ),
    );
    expect((await call("PUT", `${ORG}/secrets/X`, { body: { ...body, visibility: "public" } })).body.message).toBe(
      'Invalid request.\n\nFor \'properties/visibility\', "public" is not one of ["all", "private", "selected"].',
    );
    expect(
      (
        await call("PUT", `${ORG}/secrets/X`, {
          body: { ...body, visibility: "selected", selected_repository_ids: ["1296269"] },
        })
      ).body.message,
    ).toBe("Invalid request.\n\nFor 'items', \"1296269\" is not an integer.");
  });

  test("GET shows visibility, and selected_repositories_url only for selected", async () => {
    expect((await putSecret(ORG, "for_all", "v", { visibility: "all" })).status).toBe(201);
    expect((await putSecret(ORG, "SELECTED", "v", { visibility: "selected" })).status).toBe(201);
    expect((await call("GET", `${ORG}/secrets/FOR_ALL`)).body).toEqual({
      name: "FOR_ALL",
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: expect.stringMatching(TIMESTAMP),
      visibility: "all",
    });
    expect((await call("GET", "/orgs/OCTO-ORG/actions/secrets/selected")).body).toMatchObject({
      name: "SELECTED",
      visibility: "selected",
      selected_repositories_url: `${emulator.url}/orgs/octo-org/actions/secrets/SELECTED/repositories`,
    });
    const list = (await call("GET", `${ORG}/secrets`)).body;
    expect(list.total_count).toBe(2);
    expect(list.secrets.map((s: { name: string }) => s.name)).toEqual(["FOR_ALL", "SELECTED"]);
    expect(list.secrets[0]).not.toHaveProperty("selected_repositories_url");
    expect(list.secrets[1].selected_repositories_url).toMatch(/\/SELECTED\/repositories$/);
  });

  test("selected_repository_ids: known ids of the org only, and only with visibility selected", async () => {
    expect(
      (await putSecret(ORG, "PICKED", "v", { visibility: "selected", selected_repository_ids: [SPOON_KNIFE_ID] }))
        .status,
    ).toBe(201);
    expect((await storedSecrets())[0]).toMatchObject({
      scope: "org",
      owner: "octo-org",
      visibility: "selected",
      selected_repository_ids: [SPOON_KNIFE_ID],
      value: "v",
    });

    const unknown = await putSecret(ORG, "PICKED", "v", {
      visibility: "selected",
      selected_repository_ids: [HELLO_WORLD_ID, 999],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toMatch(/999/);

    const notSelected = await putSecret(ORG, "OTHER", "v", {
      visibility: "all",
      selected_repository_ids: [HELLO_WORLD_ID],
    });
    expect(notSelected.status).toBe(422);
    expect(notSelected.body.message).toBe(
      "Invalid request.\n\nYou can only provide a list of repository ids when the visibility is set to selected.",
    );
    expect((await putSecret(ORG, "OTHER", "v", { visibility: "private", selected_repository_ids: [] })).status).toBe(
      201,
    );
  });

  test("a PUT without selected_repository_ids keeps the selection; leaving selected clears it", async () => {
    await putSecret(ORG, "S", "v1", {
      visibility: "selected",
      selected_repository_ids: [HELLO_WORLD_ID, SPOON_KNIFE_ID],
    });
    expect((await putSecret(ORG, "S", "v2", { visibility: "selected" })).status).toBe(204);
    expect((await storedSecrets())[0]).toMatchObject({
      value: "v2",
      selected_repository_ids: [HELLO_WORLD_ID, SPOON_KNIFE_ID],
    });
    await putSecret(ORG, "S", "v3", { visibility: "selected", selected_repository_ids: [SPOON_KNIFE_ID] });
    expect((await storedSecrets())[0].selected_repository_ids).toEqual([SPOON_KNIFE_ID]);
    await putSecret(ORG, "S", "v4", { visibility: "private" });
    expect((await storedSecrets())[0]).toMatchObject({ visibility: "private", selected_repository_ids: null });
    await putSecret(ORG, "S", "v5", { visibility: "selected" });
    expect((await call("GET", `${ORG}/secrets/S/repositories`)).body).toEqual({ total_count: 0, repositories: [] });
  });

  test("selected repositories: list, set, add and remove", async () => {
    await putSecret(ORG, "S", "v", { visibility: "selected" });
    const set = await call("PUT", `${ORG}/secrets/S/repositories`, {
      body: { selected_repository_ids: [SPOON_KNIFE_ID, HELLO_WORLD_ID] },
    });
    expect(set.status).toBe(204);
    expect(set.text).toBe("");
    const list = (await call("GET", `${ORG}/secrets/s/repositories`)).body;
    expect(list.total_count).toBe(2);
    expect(
      list.repositories.map((r: { id: number; full_name: string; private: boolean }) => [r.id, r.full_name, r.private]),
    ).toEqual([
      [HELLO_WORLD_ID, "octo-org/hello-world", false],
      [SPOON_KNIFE_ID, "octo-org/spoon-knife", true],
    ]);

    expect((await call("DELETE", `${ORG}/secrets/S/repositories/${HELLO_WORLD_ID}`)).status).toBe(204);
    expect((await call("DELETE", `${ORG}/secrets/S/repositories/${HELLO_WORLD_ID}`)).status).toBe(204);
    expect((await storedSecrets())[0].selected_repository_ids).toEqual([SPOON_KNIFE_ID]);
    expect((await call("PUT", `${ORG}/secrets/S/repositories/${HELLO_WORLD_ID}`)).status).toBe(204);
    expect((await call("PUT", `${ORG}/secrets/S/repositories/${HELLO_WORLD_ID}`)).status).toBe(204);
    expect((await storedSecrets())[0].selected_repository_ids).toEqual([HELLO_WORLD_ID, SPOON_KNIFE_ID]);
    expect((await call("PUT", `${ORG}/secrets/S/repositories`, { body: { selected_repository_ids: [] } })).status).toBe(
      204,
    );
    expect((await call("GET", `${ORG}/secrets/S/repositories`)).body).toEqual({ total_count: 0, repositories: [] });
    expect((await storedSecrets())[0].value).toBe("v");
  });

  test("selected repositories: 409 unless selected, 404 for an unknown secret, 422 for unknown ids", async () => {
    await putSecret(ORG, "ALL", "v", { visibility: "all" });
    await putSecret(ORG, "S", "v", { visibility: "selected" });
    const conflict = githubError(
      409,
      "You cannot update selected repositories for a secret when the visibility is not set to 'selected'",
    );
    const setConflict = await call("PUT", `${ORG}/secrets/ALL/repositories`, {
      body: { selected_repository_ids: [HELLO_WORLD_ID] },
    });
    expect(setConflict).toMatchObject({
      status: 409,
      body: { ...conflict, documentation_url: `${SECRETS_DOCS}#set-selected-repositories-for-an-organization-secret` },
    });
    expect((await call("PUT", `${ORG}/secrets/ALL/repositories/${HELLO_WORLD_ID}`)).status).toBe(409);
    expect((await call("DELETE", `${ORG}/secrets/ALL/repositories/${HELLO_WORLD_ID}`)).body).toEqual({
      ...conflict,
      documentation_url: `${SECRETS_DOCS}#remove-selected-repository-from-an-organization-secret`,
    });
    expect((await call("GET", `${ORG}/secrets/ALL/repositories`)).body).toEqual({ total_count: 0, repositories: [] });

    for (const [method, path, body] of [
      ["GET", `${ORG}/secrets/NOPE/repositories`, undefined],
      ["PUT", `${ORG}/secrets/NOPE/repositories`, { selected_repository_ids: [] }],
      ["PUT", `${ORG}/secrets/NOPE/repositories/${HELLO_WORLD_ID}`, undefined],
      ["DELETE", `${ORG}/secrets/NOPE/repositories/${HELLO_WORLD_ID}`, undefined],
      ["PUT", `/orgs/nope/actions/secrets/S/repositories/${HELLO_WORLD_ID}`, undefined],
      ["PUT", `${ORG}/secrets/S/repositories/not-a-number`, undefined],
    ] as const) {
      expect([method, path, (await call(method, path, { body })).status]).toEqual([method, path, 404]);
    }

    expect((await call("PUT", `${ORG}/secrets/S/repositories/999`)).status).toBe(422);
    expect((await call("DELETE", `${ORG}/secrets/S/repositories/999`)).status).toBe(422);
    expect(
      (await call("PUT", `${ORG}/secrets/S/repositories`, { body: { selected_repository_ids: [999] } })).status,
    ).toBe(422);
    expect((await call("PUT", `${ORG}/secrets/S/repositories`, { body: {} })).body.message).toBe(
      'Invalid request.\n\n"selected_repository_ids" wasn\'t supplied.',
    );
  });

  test("repository ids of another owner's repositories are unknown to the org", async () => {
    await reset(fixtureWith((f) => f.repos.push({ owner: "someone", name: "elsewhere", id: 42 })));
    await putSecret(ORG, "S", "v", { visibility: "selected" });
    expect((await call("PUT", `${ORG}/secrets/S/repositories/42`)).status).toBe(422);
    expect((await call("GET", "/repos/someone/elsewhere/actions/organization-secrets")).body).toEqual({
      total_count: 0,
      secrets: [],
    });
  });

  test("a repository sees all secrets, private ones when it is private, and selected ones when selected", async () => {
    await putSecret(ORG, "TO_ALL", "v", { visibility: "all" });
    await putSecret(ORG, "TO_PRIVATE", "v", { visibility: "private" });
    await putSecret(ORG, "TO_HELLO", "v", { visibility: "selected", selected_repository_ids: [HELLO_WORLD_ID] });
    await putSecret(ORG, "TO_NOBODY", "v", { visibility: "selected" });
    await putSecret(REPO, "OWN", "v");
    const names = async (repo: string) =>
      (await call("GET", `/repos/octo-org/${repo}/actions/organization-secrets`)).body.secrets.map(
        (s: { name: string }) => s.name,
      );
    expect(await names("hello-world")).toEqual(["TO_ALL", "TO_HELLO"]);
    expect(await names("spoon-knife")).toEqual(["TO_ALL", "TO_PRIVATE"]);
    const items = (await call("GET", "/repos/octo-org/hello-world/actions/organization-secrets")).body;
    expect(items.total_count).toBe(2);
    for (const item of items.secrets) expect(Object.keys(item).sort()).toEqual(["created_at", "name", "updated_at"]);
    expect((await call("GET", "/repos/octo-org/nope/actions/organization-secrets")).status).toBe(404);
  });

  test("org names are case-insensitive; DELETE is 204 then 404", async () => {
    expect((await putSecret("/orgs/Octo-Org/actions", "X", "v", { visibility: "all" })).status).toBe(201);
    expect((await call("DELETE", "/orgs/OCTO-ORG/actions/secrets/x")).status).toBe(204);
    expect((await call("DELETE", `${ORG}/secrets/X`)).status).toBe(404);
    expect((await call("GET", `${ORG}/secrets/X`)).status).toBe(404);
    expect((await call("GET", "/orgs/nope/actions/secrets")).status).toBe(404);
  });

  test("an organization holds at most 1,000 secrets", async () => {
    await reset(fixtureWith((f) => (f.secrets = seeds(1000, { scope: "org", owner: "octo-org", visibility: "all" }))));
    const full = await putSecret(ORG, "ONE_MORE", "v", { visibility: "all" });
    expect(full.status).toBe(422);
    expect(full.body.message).toMatch(/maximum of 1000 secrets/);
    expect((await putSecret(ORG, "SEED_0999", "v", { visibility: "private" })).status).toBe(204);
  });
});

describe("pagination", () => {
  const repoSeeds = (count: number) =>
    fixtureWith((f) => (f.secrets = seeds(count, { scope: "repo", owner: "octo-org", repository: "hello-world" })));
  const links = (answer: Answer) =>
    Object.fromEntries(
      (answer.headers.get("link") ?? "")
        .split(", ")
        .filter(Boolean)
        .map((part) => {
          const [, url, rel] = /^<([^>]+)>; rel="(\w+)"$/.exec(part)!;
          return [rel, url];
        }),
    );

  test("no secrets: an empty list and no link header", async () => {
    const answer = await call("GET", `${REPO}/secrets`);
    expect(answer.body).toEqual({ total_count: 0, secrets: [] });
    expect(answer.headers.get("link")).toBeNull();
  });

  test("one page: no link header", async () => {
    await reset(repoSeeds(30));
    const answer = await call("GET", `${REPO}/secrets`);
    expect(answer.body.secrets).toHaveLength(30);
    expect(answer.headers.get("link")).toBeNull();
  });

  test("several pages: prev/next/last/first links with absolute URLs, sorted by name", async () => {
    await reset(repoSeeds(5));
    const first = await call("GET", `${REPO}/secrets?per_page=2`);
    expect(first.body.total_count).toBe(5);
    expect(first.body.secrets.map((s: { name: string }) => s.name)).toEqual(["SEED_0000", "SEED_0001"]);
    expect(first.headers.get("link")).toBe(
      `<${emulator.url}${REPO}/secrets?per_page=2&page=2>; rel="next", <${emulator.url}${REPO}/secrets?per_page=2&page=3>; rel="last"`,
    );
    const middle = await call("GET", `${REPO}/secrets?per_page=2&page=2`);
    expect(middle.body.secrets.map((s: { name: string }) => s.name)).toEqual(["SEED_0002", "SEED_0003"]);
    expect(Object.keys(links(middle))).toEqual(["prev", "next", "last", "first"]);
    const last = await call("GET", links(middle).last.slice(emulator.url.length));
    expect(last.body.secrets.map((s: { name: string }) => s.name)).toEqual(["SEED_0004"]);
    expect(links(last)).toEqual({
      prev: `${emulator.url}${REPO}/secrets?per_page=2&page=2`,
      first: `${emulator.url}${REPO}/secrets?per_page=2&page=1`,
    });
    expect((await call("GET", `${REPO}/secrets?per_page=2&page=9`)).body).toEqual({ total_count: 5, secrets: [] });
  });

  test("links and URLs in bodies name the host the client asked for, as GitHub builds them", async () => {
    await reset(repoSeeds(5));
    const host = "http://api.github.localhost";
    const first = await viaProxy(`${host}${REPO}/secrets?per_page=2`);
    expect(first.link).toBe(
      `<${host}${REPO}/secrets?per_page=2&page=2>; rel="next", <${host}${REPO}/secrets?per_page=2&page=3>; rel="last"`,
    );
    const repository = await viaProxy(`${host}/repos/octo-org/hello-world`);
    expect(repository.body.url).toBe(`${host}/repos/octo-org/hello-world`);
  });

  test("per_page defaults to 30 and is capped at 100", async () => {
    await reset(fixtureWith((f) => (f.secrets = seeds(150, { scope: "org", owner: "octo-org", visibility: "all" }))));
    const byDefault = await call("GET", `${ORG}/secrets`);
    expect(byDefault.body.secrets).toHaveLength(30);
    expect(links(byDefault).last).toBe(`${emulator.url}${ORG}/secrets?page=5`);
    const capped = await call("GET", `${ORG}/secrets?per_page=500`);
    expect(capped.body.secrets).toHaveLength(100);
    expect(links(capped).next).toBe(`${emulator.url}${ORG}/secrets?per_page=500&page=2`);
    expect((await call("GET", `${ORG}/secrets?per_page=500&page=2`)).body.secrets).toHaveLength(50);
  });

  test("links keep the raw path of an encoded environment name", async () => {
    await reset(
      fixtureWith(
        (f) =>
          (f.secrets = seeds(3, {
            scope: "environment",
            owner: "octo-org",
            repository: "hello-world",
            environment: "prod/eu west",
          })),
      ),
    );
    const answer = await call("GET", "/repos/octo-org/hello-world/environments/prod%2Feu%20west/secrets?per_page=1");
    expect(links(answer).next).toBe(
      `${emulator.url}/repos/octo-org/hello-world/environments/prod%2Feu%20west/secrets?per_page=1&page=2`,
    );
  });

  test("selected repositories are paginated too", async () => {
    await putSecret(ORG, "S", "v", {
      visibility: "selected",
      selected_repository_ids: [HELLO_WORLD_ID, SPOON_KNIFE_ID],
    });
    const answer = await call("GET", `${ORG}/secrets/S/repositories?per_page=1&page=2`);
    expect(answer.body.total_count).toBe(2);
    expect(answer.body.repositories.map((r: { id: number }) => r.id)).toEqual([SPOON_KNIFE_ID]);
    expect(Object.keys(links(answer))).toEqual(["prev", "first"]);
  });
});

describe("repositories and environments", () => {
  test("GET a repository gives the full repository, case-insensitively", async () => {
    const { status, body } = await call("GET", "/repos/Octo-Org/Spoon-Knife");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: SPOON_KNIFE_ID,
      name: "spoon-knife",
      full_name: "octo-org/spoon-knife",
      private: true,
      visibility: "private",
      owner: { login: "octo-org", type: "Organization" },
      organization: { login: "octo-org" },
      permissions: { admin: true, push: true, pull: true },
      has_downloads: true,
      url: `${emulator.url}/repos/octo-org/spoon-knife`,
    });
    expect((await call("GET", "/repos/octo-org/nope")).status).toBe(404);
  });

  test("API version 2026-03-10 drops the fields GitHub dropped; a read token sees pull-only permissions", async () => {
    const { body } = await call("GET", "/repos/octo-org/hello-world", {
      token: READ_TOKEN,
      headers: { "x-github-api-version": "2026-03-10" },
    });
    expect(body).not.toHaveProperty("has_downloads");
    expect(body).not.toHaveProperty("use_squash_pr_title_as_default");
    expect(body.permissions).toMatchObject({ admin: false, push: false, pull: true });
  });

  test("GET an environment, by its encoded name", async () => {
    const { status, body } = await call("GET", "/repos/octo-org/hello-world/environments/prod%2Feu%20west");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      name: "prod/eu west",
      url: `${emulator.url}/repos/octo-org/hello-world/environments/prod%2Feu%20west`,
    });
    expect((await call("GET", "/repos/octo-org/hello-world/environments/staging")).status).toBe(404);
  });

  test("repositories of a user owner are served with a User owner", async () => {
    await reset(fixtureWith((f) => f.repos.push({ owner: "octocat", name: "dotfiles", id: 7 })));
    const { body } = await call("GET", "/repos/octocat/dotfiles");
    expect(body.owner).toMatchObject({ login: "octocat", type: "User" });
    expect(body).not.toHaveProperty("organization");
    expect((await putSecret("/repos/octocat/dotfiles/actions", "X", "v")).status).toBe(201);
  });
});

describe("control surface", () => {
  test("GET /_emulator/secrets lists every scope with plaintext values", async () => {
    await putSecret(ORG, "ORG_SECRET", "o", { visibility: "selected", selected_repository_ids: [SPOON_KNIFE_ID] });
    await putSecret(REPO, "REPO_SECRET", "r");
    await putSecret("/repos/octo-org/hello-world/environments/prod%2Feu%20west", "ENV_SECRET", "e");
    const stored = await storedSecrets();
    expect(
      stored.map(
        ({ created_at, updated_at, ...rest }) => (
          expect(created_at).toMatch(TIMESTAMP),
          expect(updated_at).toMatch(TIMESTAMP),
          rest
        ),
      ),
    ).toEqual([
      {
        app: "actions",
        scope: "org",
        owner: "octo-org",
        repository: null,
        environment: null,
        name: "ORG_SECRET",
        value: "o",
        visibility: "selected",
        selected_repository_ids: [SPOON_KNIFE_ID],
      },
      {
        app: "actions",
        scope: "repo",
        owner: "octo-org",
        repository: "hello-world",
        environment: null,
        name: "REPO_SECRET",
        value: "r",
        visibility: null,
        selected_repository_ids: null,
      },
      {
        app: "actions",
        scope: "environment",
        owner: "octo-org",
        repository: "hello-world",
        environment: "prod/eu west",
        name: "ENV_SECRET",
        value: "e",
        visibility: null,
        selected_repository_ids: null,
      },
    ]);
  });

  test("GET /_emulator/requests logs API requests with their raw path, query and status, not control requests", async () => {
    await call("GET", "/repos/octo-org/hello-world/environments/prod%2Feu%20west/secrets?per_page=5&page=1");
    await call("GET", `${REPO}/secrets`, { token: "bad" });
    await call("DELETE", `${REPO}/secrets/NOPE`);
    await storedSecrets();
    const { body } = await call("GET", "/_emulator/requests", { token: null });
    expect(body).toEqual([
      {
        method: "GET",
        path: "/repos/octo-org/hello-world/environments/prod%2Feu%20west/secrets",
        query: { per_page: "5", page: "1" },
        status: 200,
      },
      { method: "GET", path: `${REPO}/secrets`, query: {}, status: 401 },
      { method: "DELETE", path: `${REPO}/secrets/NOPE`, query: {}, status: 404 },
    ]);
  });

  test("POST /_emulator/reset returns to the fixture and clears the request log", async () => {
    const seeded = fixtureWith(
      (f) =>
        (f.secrets = [
          { scope: "repo", owner: "octo-org", repository: "spoon-knife", name: "seeded", value: "from fixture" },
        ]),
    );
    await reset(seeded);
    await putSecret(REPO, "ADDED", "v");
    await putSecret(PRIVATE_REPO, "SEEDED", "changed");
    await reset();
    expect((await storedSecrets()).map((s) => [s.repository, s.name, s.value])).toEqual([
      ["spoon-knife", "SEEDED", "from fixture"],
    ]);
    expect((await call("GET", "/_emulator/requests", { token: null })).body).toEqual([]);
    expect((await call("GET", `${REPO}/secrets`, { token: READ_TOKEN })).status).toBe(200);
  });

  test("POST /_emulator/reset with a new fixture replaces the fixture; a bad one is refused with the field named", async () => {
    await reset({
      orgs: [],
      repos: [{ owner: "solo", name: "project", id: 5, environments: ["dev"] }],
      tokens: [{ token: "t2" }],
    });
    expect((await call("GET", "/repos/solo/project/environments/dev/secrets", { token: "t2" })).status).toBe(200);
    expect((await call("GET", `${REPO}/secrets`, { token: "t2" })).status).toBe(404);
    expect((await call("GET", `${REPO}/secrets`)).status).toBe(401);

    const bad = await call("POST", "/_emulator/reset", {
      token: null,
      body: { orgs: [], repos: [{ owner: "solo", name: "project", id: "5" }], tokens: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe("Invalid fixture: repos[0].id must be a positive integer");
    expect((await call("POST", "/_emulator/reset", { token: null, raw: "{" })).status).toBe(400);
    await reset();
    expect((await call("GET", "/repos/solo/project/actions/secrets", { token: "t2" })).status).toBe(200);
  });

  test("key pairs survive a reset", async () => {
    const before = (await call("GET", `${REPO}/secrets/public-key`)).body;
    await reset();
    expect((await call("GET", `${REPO}/secrets/public-key`)).body).toEqual(before);
  });

  test("POST /_emulator/rotate-keys gives every scope a new key; the old key id is then refused", async () => {
    const scopes = [ORG, REPO, ENV];
    const old = await Promise.all(scopes.map((scope) => sealed(scope, "v")));
    expect((await call("POST", "/_emulator/rotate-keys", { token: null })).status).toBe(204);
    for (const [i, scope] of scopes.entries()) {
      const extra = scope === ORG ? { visibility: "all" } : {};
      const stale = await call("PUT", `${scope}/secrets/X`, { body: { ...old[i], ...extra } });
      expect(stale.status).toBe(422);
      expect(stale.body.message).toBe("Bad request - validation failed due to an improperly encrypted secret");
      const fresh = await sealed(scope, "v");
      expect(fresh.key_id).not.toBe(old[i].key_id);
      expect((await call("PUT", `${scope}/secrets/X`, { body: { ...fresh, ...extra } })).status).toBe(201);
    }
  });

  test("POST /_emulator/secrets writes out of band and bumps updated_at", async () => {
    await putSecret(REPO, "DRIFTED", "mine");
    const before = (await call("GET", `${REPO}/secrets/DRIFTED`)).body;
    const changed = await call("POST", "/_emulator/secrets", {
      token: null,
      body: { scope: "repo", owner: "octo-org", repository: "hello-world", name: "drifted", value: "theirs" },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: "DRIFTED", value: "theirs", created_at: before.created_at });
    const after = (await call("GET", `${REPO}/secrets/DRIFTED`)).body;
    expect(after.updated_at > before.updated_at).toBe(true);

    const created = await call("POST", "/_emulator/secrets", {
      token: null,
      body: {
        scope: "org",
        owner: "octo-org",
        name: "NEW_ORG",
        value: "x",
        visibility: "selected",
        selected_repository_ids: [HELLO_WORLD_ID],
      },
    });
    expect(created.status).toBe(201);
    expect(
      (await call("GET", "/repos/octo-org/hello-world/actions/organization-secrets")).body.secrets.map(
        (s: { name: string }) => s.name,
      ),
    ).toEqual(["NEW_ORG"]);
    const kept = await call("POST", "/_emulator/secrets", {
      token: null,
      body: { scope: "org", owner: "octo-org", name: "NEW_ORG", value: "y" },
    });
    expect(kept.body).toMatchObject({ visibility: "selected", selected_repository_ids: [HELLO_WORLD_ID], value: "y" });

    const env = await call("POST", "/_emulator/secrets", {
      token: null,
      body: {
        scope: "environment",
        owner: "octo-org",
        repository: "hello-world",
        environment: "prod/eu west",
        name: "E",
        value: "e",
      },
    });
    expect(env.body).toMatchObject({ scope: "environment", environment: "prod/eu west", visibility: null });
  });

  test("POST /_emulator/secrets refuses bad bodies, unknown scopes and invalid names", async () => {
    const post = (body: unknown) => call("POST", "/_emulator/secrets", { token: null, body });
    expect(await post({ scope: "repo", owner: "octo-org", name: "X", value: "v" })).toMatchObject({
      status: 400,
      body: { message: "secret.repository must be a string" },
    });
    expect((await post({ scope: "team", owner: "octo-org", name: "X", value: "v" })).status).toBe(400);
    expect((await post({ scope: "repo", owner: "octo-org", repository: "nope", name: "X", value: "v" })).status).toBe(
      422,
    );
    expect(
      (await post({ scope: "repo", owner: "octo-org", repository: "hello-world", name: "GITHUB_X", value: "v" })).body
        .message,
    ).toBe("Failed to add secret. Name is invalid");
    expect(
      (
        await post({
          scope: "repo",
          owner: "octo-org",
          repository: "hello-world",
          name: "X",
          value: "v",
          visibility: "all",
        })
      ).status,
    ).toBe(422);
    expect((await call("GET", "/_emulator/nothing", { token: null })).status).toBe(404);
  });
});

describe("API prefix", () => {
  test("with apiPrefix /api/v3 the API lives under the prefix, the control surface on both paths", async () => {
    const ghes = await startEmulator({ apiPrefix: "/api/v3/" });
    try {
      expect(ghes.url).toBe(`http://127.0.0.1:${ghes.port}/api/v3`);
      const key = (await call("GET", `${REPO}/secrets/public-key`, { base: ghes.url })).body;
      const put = await call("PUT", `${REPO}/secrets/X`, {
        base: ghes.url,
        body: { encrypted_value: sealWith(key.key, "v"), key_id: key.key_id },
      });
      expect(put.status).toBe(201);
      expect((await call("GET", `${REPO}/secrets`, { base: `http://127.0.0.1:${ghes.port}` })).status).toBe(404);
      const link = await call("GET", `${REPO}/secrets?per_page=1`, { base: ghes.url });
      expect(link.body.total_count).toBe(1);
      expect((await call("GET", "/_emulator/secrets", { base: ghes.url, token: null })).body).toHaveLength(1);
      const requests = (
        await call("GET", "/_emulator/requests", { base: `http://127.0.0.1:${ghes.port}`, token: null })
      ).body;
      expect(requests.map((r: { path: string; status: number }) => [r.path, r.status])).toEqual([
        [`/api/v3${REPO}/secrets/public-key`, 200],
        [`/api/v3${REPO}/secrets/X`, 201],
        [`${REPO}/secrets`, 404],
        [`/api/v3${REPO}/secrets`, 200],
      ]);
    } finally {
      await ghes.close();
    }
  });
});
