import { randomUUID } from "node:crypto";
import { repoSecret } from "./repo-secret";
import { seal } from "../core/seal";
import { asEngineSends, useEmulatedGitHub, mentions } from "../tests/support/emulated-github";
import type { ProviderContext } from "./context";
import { SETTING_DEFAULTS } from "./settings";

const github = useEmulatedGitHub({ resetEachTest: true });

const canary = () => `canary-${randomUUID()}`;
const args = (value: string, overrides: Record<string, unknown> = {}) => ({
  owner: "octo-org",
  repository: "hello-world",
  secretName: "api_token",
  plaintextValue: value,
  ...overrides,
});

/** check then create, as the engine runs them, returning what the engine would store. */
async function create(context: ProviderContext, news: Record<string, unknown>) {
  const checked = await repoSecret.check(context, {}, news);
  const created = await repoSecret.create(context, asEngineSends(checked.inputs));
  return { checked, created, outputs: asEngineSends(created.outs) };
}

const valueOnGitHub = async (name = "API_TOKEN") => (await github.secrets()).find((s) => s.name === name)?.value;

test("create seals the value so that GitHub decrypts exactly the plaintext, and stores none of it", async () => {
  const context = github.context();
  const value = canary();
  const { checked, created, outputs } = await create(context, args(value));

  expect(await valueOnGitHub()).toBe(value);
  expect(created.id).toBe("octo-org/hello-world/API_TOKEN");
  expect(outputs).toMatchObject({ owner: "octo-org", repository: "hello-world", secretName: "api_token" });
  expect(outputs.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(outputs.valueFingerprint).toMatch(/^hmac-sha256:/);
  for (const artifact of [checked, created, outputs]) expect(mentions(artifact, value)).toBe(false);
});

test("an unchanged value has an unchanged fingerprint, so diff reports no change and sends nothing", async () => {
  const context = github.context();
  const value = canary();
  const first = await create(context, args(value));
  const before = (await github.requests()).length;

  const again = await repoSecret.check(context, asEngineSends(first.checked.inputs), args(value));
  const diff = await repoSecret.diff(context, first.created.id, first.outputs, asEngineSends(again.inputs));

  expect(asEngineSends(again.inputs).valueFingerprint).toBe(first.outputs.valueFingerprint);
  expect(diff.changes).toBe(false);
  expect((await github.requests()).length).toBe(before);
});

test("a new value is an in-place update: one PUT, and the public key is not fetched again", async () => {
  const context = github.context();
  const first = await create(context, args(canary()));
  const value = canary();

  const checked = await repoSecret.check(context, asEngineSends(first.checked.inputs), args(value));
  const news = asEngineSends(checked.inputs);
  const diff = await repoSecret.diff(context, first.created.id, first.outputs, news);
  expect(diff).toMatchObject({ changes: true, replaces: [], deleteBeforeReplace: false });

  const updated = await repoSecret.update(context, first.created.id, first.outputs, news);
  expect(await valueOnGitHub()).toBe(value);
  expect(mentions(updated, value)).toBe(false);

  const requests = await github.requests();
  expect(requests.filter((r) => r.path.endsWith("/public-key"))).toHaveLength(1);
  expect(requests.filter((r) => r.method === "PUT")).toHaveLength(2);
});

test("renaming replaces, deleting first; a change of case alone is no change", async () => {
  const context = github.context();
  const value = canary();
  const first = await create(context, args(value));
  const recheck = async (news: Record<string, unknown>) =>
    asEngineSends((await repoSecret.check(context, asEngineSends(first.checked.inputs), news)).inputs);

  const renamed = await recheck(args(value, { secretName: "OTHER" }));
  expect(await repoSecret.diff(context, first.created.id, first.outputs, renamed)).toMatchObject({
    changes: true,
    replaces: ["secretName"],
    deleteBeforeReplace: true,
  });

  const recased = await recheck(args(value, { owner: "Octo-Org", repository: "Hello-World", secretName: "API_TOKEN" }));
  expect(await repoSecret.diff(context, first.created.id, first.outputs, recased)).toMatchObject({
    changes: false,
    replaces: [],
  });
});

test("read returns GitHub's timestamps and reports a secret deleted outside Pulumi as gone; delete tolerates that", async () => {
  const context = github.context();
  const first = await create(context, args(canary()));

  const read = await repoSecret.read(context, first.created.id, first.outputs);
  expect(read.id).toBe(first.created.id);
  expect(read.props).toMatchObject({ createdAt: first.outputs.createdAt, updatedAt: first.outputs.updatedAt });

  // Later runs (`pulumi destroy`), each a provider process of its own.
  await repoSecret.delete(github.context(), first.created.id, first.outputs);
  expect(await github.secrets()).toHaveLength(0);
  expect((await repoSecret.read(github.context(), first.created.id, first.outputs)).id).toBe("");
  await expect(repoSecret.delete(github.context(), first.created.id, first.outputs)).resolves.toBeUndefined();
});

test("in one run, deleting a resource whose secret another resource has just written sends no DELETE", async () => {
  // The engine creates what a program added before it deletes what it dropped: `new` took over
  // `old`'s secret (a rename without an alias), and old's delete must not remove what new wrote.
  const context = github.context();
  const old = await create(github.context(), args("v-old"));
  const taken = await create(context, args("v-new", { secretName: "API_TOKEN" }));
  await repoSecret.delete(context, old.created.id, old.outputs);
  expect(await github.secrets()).toMatchObject([{ name: "API_TOKEN", value: "v-new" }]);
  expect((await github.requests()).filter((r) => r.method === "DELETE")).toEqual([]);
  expect(taken.created.id.toLowerCase()).toBe(old.created.id.toLowerCase());
});

test("a key rotated between check and the write is fetched again once and the value resealed", async () => {
  const context = github.context();
  await create(context, args(canary(), { secretName: "WARM_THE_CACHE" }));
  await github.rotateKeys();
  const value = canary();

  await create(context, args(value));
  expect(await valueOnGitHub()).toBe(value);
  const keyFetches = (await github.requests()).filter((r) => r.path.endsWith("/public-key"));
  expect(keyFetches).toHaveLength(2);
});

test("a value the user sealed is sent as given and its ciphertext is not kept in the state", async () => {
  const context = github.context();
  const response = await fetch(`${github.url}/repos/octo-org/hello-world/actions/secrets/public-key`, {
    headers: { authorization: "Bearer emulator-token" },
  });
  const key = (await response.json()) as { key_id: string; key: string };
  const value = canary();
  const encryptedValue = await seal(key.key, value);

  const { checked, outputs } = await create(context, {
    ...args(value),
    plaintextValue: undefined,
    encryptedValue,
    keyId: key.key_id,
  });
  expect(await valueOnGitHub()).toBe(value);
  expect(outputs.keyId).toBe(key.key_id);
  for (const artifact of [checked, outputs]) expect(mentions(artifact, encryptedValue)).toBe(false);
});

test("a sealed value for a key GitHub no longer uses fails with what to do", async () => {
  const context = github.context();
  const response = await fetch(`${github.url}/repos/octo-org/hello-world/actions/secrets/public-key`, {
    headers: { authorization: "token emulator-token" },
  });
  const key = (await response.json()) as { key_id: string; key: string };
  const encryptedValue = await seal(key.key, canary());
  await github.rotateKeys();

  await expect(
    create(context, { ...args("x"), plaintextValue: undefined, encryptedValue, keyId: key.key_id }),
  ).rejects.toThrow(
    /RepoSecret octo-org\/hello-world\/API_TOKEN: GitHub refused encryptedValue: it was not sealed for the current public key .*Seal the value again/,
  );
});

test("equal values in two resources have different fingerprints", async () => {
  const context = github.context();
  const value = canary();
  const a = await repoSecret.check(context, {}, args(value, { secretName: "A" }));
  const b = await repoSecret.check(context, {}, args(value, { secretName: "B" }));
  expect(a.inputs.valueFingerprint).not.toBe(b.inputs.valueFingerprint);
});

test("the salt travels as a Pulumi secret, so the state encrypts it", async () => {
  const checked = await repoSecret.check(github.context(), {}, args(canary()));
  expect(checked.inputs.valueSalt).toEqual({
    "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
    value: expect.any(String),
  });
});

test("an unknown value during preview gives an unknown fingerprint and no request", async () => {
  const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  const checked = await repoSecret.check(github.context(), {}, args(unknown));
  expect(checked.inputs.valueFingerprint).toBe(unknown);
  expect(await github.requests()).toHaveLength(0);
});

test("API failures name the resource, the action and what to do", async () => {
  const context = github.context();
  await expect(create(context, args(canary(), { repository: "no-such-repo" }))).rejects.toThrow(
    /^RepoSecret octo-org\/no-such-repo\/API_TOKEN: fetching the public key failed: GitHub answered 404: "Not Found" \(GET .*\)\. GitHub does not know the repository octo-org\/no-such-repo, or the token cannot see it/,
  );
  const { createContext } = await import("./context");
  const badToken = createContext({ ...SETTING_DEFAULTS, pointsPerMinute: 0, token: "wrong", baseUrl: github.url });
  const value = canary();
  const failure = create(badToken, args(value));
  await expect(failure).rejects.toThrow(/GitHub answered 401: "Bad credentials".*github:token/);
  expect(String(await failure.catch((e) => e.message))).not.toContain(value);
});

test("an import file's entry, which has no value, passes check with its placeholder fingerprint; the program's value then updates it", async () => {
  const context = github.context();
  const { IMPORTED_FINGERPRINT } = await import("../core/secret-value");
  const imported = {
    owner: "octo-org",
    repository: "hello-world",
    secretName: "API_TOKEN",
    valueFingerprint: IMPORTED_FINGERPRINT,
    onDrift: "overwrite" as const,
  };
  const checked = await repoSecret.check(context, imported, imported);
  expect(checked.inputs).toMatchObject({ valueFingerprint: IMPORTED_FINGERPRINT });

  const withValue = asEngineSends((await repoSecret.check(context, imported, args(canary()))).inputs);
  expect((await repoSecret.diff(context, "octo-org/hello-world/API_TOKEN", imported, withValue)).changes).toBe(true);
  await expect(repoSecret.check(context, {}, { ...args("x"), plaintextValue: undefined })).rejects.toThrow(
    /plaintextValue: is missing/,
  );
});
