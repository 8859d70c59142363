import { orgSecret } from "./org-secret";
import { orgSecretRepoSelection } from "./org-secret-repo-selection";
import { asEngineSends, useEmulatedGitHub } from "../tests/support/emulated-github";
import type { ProviderContext } from "./context";

const github = useEmulatedGitHub({ resetEachTest: true });

const HELLO = 1296269;
const SPOON = 1300192;
const args = (overrides: Record<string, unknown> = {}) => ({
  org: "octo-org",
  secretName: "SHARED",
  plaintextValue: "v-1",
  visibility: "all",
  ...overrides,
});
const onGitHub = async () => (await github.secrets()).find((s) => s.scope === "org" && s.name === "SHARED");
const requestsSince = async (n: number) => (await github.requests()).slice(n);

async function up(context: ProviderContext, news: Record<string, unknown>) {
  const checked = asEngineSends((await orgSecret.check(context, {}, news)).inputs);
  const created = await orgSecret.create(context, checked);
  return { checked, id: created.id, outs: asEngineSends(created.outs) };
}

/** The engine's second run: check against the old inputs, diff against the old outputs, update. */
async function change(
  context: ProviderContext,
  before: { checked: any; id: string; outs: any },
  news: Record<string, unknown>,
) {
  const checked = asEngineSends((await orgSecret.check(context, before.checked, news)).inputs);
  const diff = await orgSecret.diff(context, before.id, before.outs, checked);
  const updated = diff.changes
    ? asEngineSends((await orgSecret.update(context, before.id, before.outs, checked)).outs)
    : before.outs;
  return { diff, checked, id: before.id, outs: updated };
}

test("selected repositories given by name and by id are stored as ids", async () => {
  const { outs } = await up(
    github.context(),
    args({ visibility: "selected", selectedRepositories: ["Octo-Org/Hello-World", SPOON] }),
  );
  expect(await onGitHub()).toMatchObject({
    value: "v-1",
    visibility: "selected",
    selected_repository_ids: [HELLO, SPOON],
  });
  expect(outs).toMatchObject({
    selectedRepositoryIds: [HELLO, SPOON],
    repositoryIdsByName: { "octo-org/hello-world": HELLO },
  });
});

test("a visibility change is one in-place PUT that keeps the value; no DELETE, no moment without the secret", async () => {
  const context = github.context();
  const first = await up(context, args());
  const mark = (await github.requests()).length;

  const second = await change(context, first, args({ visibility: "private" }));

  expect(second.diff).toMatchObject({ changes: true, replaces: [] });
  expect(await onGitHub()).toMatchObject({ value: "v-1", visibility: "private" });
  const writes = (await requestsSince(mark)).filter((r) => r.method !== "GET");
  expect(writes).toEqual([
    expect.objectContaining({ method: "PUT", path: "/orgs/octo-org/actions/secrets/SHARED", status: 204 }),
  ]);
});

test("a selection change alone uses the selection endpoint and does not write the value", async () => {
  const context = github.context();
  const first = await up(context, args({ visibility: "selected", selectedRepositories: [HELLO] }));
  const before = await onGitHub();
  const mark = (await github.requests()).length;

  const second = await change(
    context,
    first,
    args({ visibility: "selected", selectedRepositories: [HELLO, "octo-org/spoon-knife"] }),
  );

  expect(second.outs.selectedRepositoryIds).toEqual([HELLO, SPOON]);
  expect(await onGitHub()).toMatchObject({ selected_repository_ids: [HELLO, SPOON], updated_at: before!.updated_at });
  const writes = (await requestsSince(mark)).filter((r) => r.method !== "GET");
  expect(writes).toEqual([
    expect.objectContaining({ method: "PUT", path: "/orgs/octo-org/actions/secrets/SHARED/repositories", status: 204 }),
  ]);
});

test("a repository name differing only in case gives no diff and no request", async () => {
  const context = github.context();
  const first = await up(context, args({ visibility: "selected", selectedRepositories: ["octo-org/hello-world"] }));
  const mark = (await github.requests()).length;
  const second = await change(
    context,
    first,
    args({ visibility: "selected", selectedRepositories: ["octo-org/HELLO-world"] }),
  );
  expect(second.diff.changes).toBe(false);
  expect(await requestsSince(mark)).toEqual([]);
});

test("local mistakes are refused before any request", async () => {
  const context = github.context();
  const mark = (await github.requests()).length;
  await expect(orgSecret.check(context, {}, args({ selectedRepositories: [HELLO] }))).rejects.toThrow(
    /selectedRepositories: is given, but visibility is "all"; .*Set visibility to "selected"/,
  );
  await expect(orgSecret.check(context, {}, args({ visibility: "secret" }))).rejects.toThrow(
    /visibility: is "secret"; give "all", "private" or "selected"/,
  );
  await expect(
    orgSecret.check(
      context,
      {},
      args({ visibility: "selected", selectedRepositories: ["other-org/app", "hello-world", -3] }),
    ),
  ).rejects.toThrow(
    /selectedRepositories\[0\]: "other-org\/app" belongs to other-org[\s\S]*selectedRepositories\[1\]: .*e\.g\. "octo-org\/hello-world"[\s\S]*selectedRepositories\[2\]: -3 is not a repository id/,
  );
  expect(await requestsSince(mark)).toEqual([]);
});

test("an unknown repository name fails naming the field, and nothing is written", async () => {
  const context = github.context();
  await expect(up(context, args({ visibility: "selected", selectedRepositories: ["octo-org/nope"] }))).rejects.toThrow(
    /OrgSecret octo-org\/SHARED: selectedRepositories names "octo-org\/nope", which GitHub does not know/,
  );
  expect(await onGitHub()).toBeUndefined();
});

describe("drift found by refresh", () => {
  async function drifted(onDrift: string) {
    const context = github.context();
    const first = await up(context, args({ onDrift }));
    await github.upsertSecret({
      scope: "org",
      owner: "octo-org",
      name: "SHARED",
      value: "changed by hand",
      visibility: "private",
    });
    // As if Pulumi had written it a few seconds before the change (GitHub's clock has whole seconds).
    const writtenAt = new Date(Date.parse(first.outs.writtenAt!) - 5000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const refreshed = await orgSecret.read(context, first.id, { ...first.outs, writtenAt });
    return { context, first: { ...first, outs: asEngineSends(refreshed.props) } };
  }

  test("a refresh that finds only Pulumi's own write reports nothing and keeps GitHub's exact time", async () => {
    const context = github.context();
    const first = await up(context, args());
    const refreshed = asEngineSends((await orgSecret.read(context, first.id, first.outs)).props);
    expect(refreshed.drift).toBeUndefined();
    expect(refreshed.writtenAt).toBe((await onGitHub())!.updated_at);
  });

  test("refresh reports when and what changed outside Pulumi", async () => {
    const { first } = await drifted("overwrite");
    expect(first.outs.drift).toMatch(
      /^changed outside Pulumi at \S+Z \(last written by Pulumi at \S+Z\); visibility is "private" on GitHub, not "all"$/,
    );
  });

  test("overwrite (the default) writes the program's value and visibility again", async () => {
    const { context, first } = await drifted("overwrite");
    const second = await change(context, first, args({ onDrift: "overwrite" }));
    expect(second.diff.changes).toBe(true);
    expect(await onGitHub()).toMatchObject({ value: "v-1", visibility: "all" });
    expect(second.outs.drift).toBeUndefined();
  });

  test("ignore leaves GitHub's value", async () => {
    const { context, first } = await drifted("ignore");
    expect((await change(context, first, args({ onDrift: "ignore" }))).diff.changes).toBe(false);
    expect(await onGitHub()).toMatchObject({ value: "changed by hand" });
  });

  test("fail stops the update with what changed and what to do, and sends nothing", async () => {
    const { context, first: state } = await drifted("fail");
    const first: { checked: any; id: string; outs: any } = state;
    // Diff reports the drift as a change without throwing: the engine calls it during refresh too.
    const checked = asEngineSends((await orgSecret.check(context, first.checked, args({ onDrift: "fail" }))).inputs);
    expect((await orgSecret.diff(context, first.id, first.outs, checked)).changes).toBe(true);
    const sent = (await github.requests()).length;
    await expect(orgSecret.update(context, first.id, first.outs, checked)).rejects.toThrow(
      /OrgSecret octo-org\/SHARED: changed outside Pulumi at .* onDrift is "fail", so nothing was written: .*set onDrift to "overwrite"/,
    );
    expect((await github.requests()).length).toBe(sent);
    expect(await onGitHub()).toMatchObject({ value: "changed by hand" });
  });
});

describe("OrgSecretRepoSelection", () => {
  const selection = (repositories: unknown[]) => ({ org: "octo-org", secretName: "shared", repositories });

  async function select(context: ProviderContext, repositories: unknown[]) {
    const checked = asEngineSends((await orgSecretRepoSelection.check(context, {}, selection(repositories))).inputs);
    const created = await orgSecretRepoSelection.create(context, checked);
    return { checked, id: created.id, outs: asEngineSends(created.outs) };
  }

  test("create sets the list, an update adds and removes one by one, destroy removes only its repositories", async () => {
    const context = github.context();
    await up(context, args({ visibility: "selected" }));
    const first = await select(context, ["octo-org/hello-world"]);
    expect((await onGitHub())!.selected_repository_ids).toEqual([HELLO]);

    const news = asEngineSends((await orgSecretRepoSelection.check(context, first.checked, selection([SPOON]))).inputs);
    expect((await orgSecretRepoSelection.diff(context, first.id, first.outs, news)).changes).toBe(true);
    const mark = (await github.requests()).length;
    const updated = asEngineSends((await orgSecretRepoSelection.update(context, first.id, first.outs, news)).outs);
    expect((await onGitHub())!.selected_repository_ids).toEqual([SPOON]);
    const writes = (await requestsSince(mark))
      .filter((r) => r.method !== "GET")
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(writes).toEqual([
      `DELETE /orgs/octo-org/actions/secrets/shared/repositories/${HELLO}`,
      `PUT /orgs/octo-org/actions/secrets/shared/repositories/${SPOON}`,
    ]);

    await github.upsertSecret({
      scope: "org",
      owner: "octo-org",
      name: "SHARED",
      value: "v-1",
      visibility: "selected",
      selected_repository_ids: [HELLO, SPOON],
    });
    await orgSecretRepoSelection.delete(context, first.id, updated);
    expect(await onGitHub()).toMatchObject({ value: "v-1", selected_repository_ids: [HELLO] });
  });

  test("a secret whose visibility is not selected is refused before GitHub would answer 409", async () => {
    const context = github.context();
    await up(context, args({ visibility: "all" }));
    await expect(orgSecretRepoSelection.check(context, {}, selection([HELLO]))).rejects.toThrow(
      /visibility is "all".*would answer 409/,
    );

    await expect(select(github.context(), [HELLO])).rejects.toThrow(
      /the organization secret's visibility is "all".*Set visibility: "selected" on the OrgSecret/,
    );
    expect((await github.requests()).filter((r) => r.status === 409)).toEqual([]);
  });

  test("an OrgSecret that sets selectedRepositories and a selection for the same secret conflict", async () => {
    const context = github.context();
    await orgSecret.check(context, {}, args({ visibility: "selected", selectedRepositories: [HELLO] }));
    await expect(orgSecretRepoSelection.check(context, {}, selection([SPOON]))).rejects.toThrow(
      /repositories: would manage the selected repositories of octo-org\/SHARED, which OrgSecret octo-org\/SHARED manages already/,
    );
  });
});
