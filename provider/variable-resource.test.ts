import { randomUUID } from "node:crypto";
import { asEngineSends, mentions, useEmulatedGitHub } from "../tests/support/emulated-github";
import type { ProviderContext } from "./context";
import { envVariable } from "./env-variable";
import { orgVariable } from "./org-variable";
import { orgVariableRepoSelection } from "./org-variable-repo-selection";
import { orgSecret } from "./org-secret";
import { repoSecret } from "./repo-secret";
import { repoVariable } from "./repo-variable";
import type { ResourceImplementation } from "./resource-implementation";

// The variables' provider, over real HTTP to the emulator with the real Octokit client.
const github = useEmulatedGitHub({ resetEachTest: true });

const canary = () => `canary-${randomUUID()}`;
const repoArgs = (value: string, overrides: Record<string, unknown> = {}) => ({
  owner: "octo-org",
  repository: "hello-world",
  variableName: "region",
  value,
  ...overrides,
});
const pastPulumisWrite = () => new Promise((resolve) => setTimeout(resolve, 1100));

type Impl = ResourceImplementation<any, any>;

/** check then create, as the engine runs them, returning what the engine would store. */
async function create(implementation: Impl, context: ProviderContext, news: Record<string, unknown>) {
  const checked = await implementation.check(context, {}, news);
  const created = await implementation.create(context, asEngineSends(checked.inputs));
  return { checked, created, outputs: asEngineSends(created.outs) };
}

const variables = () => github.variables();
const writes = async () => (await github.requests()).filter((r) => r.method !== "GET");

describe("RepoVariable", () => {
  test("create is one POST; the value is on GitHub and in the state", async () => {
    const context = github.context();
    const value = canary();
    const { created, outputs } = await create(repoVariable, context, repoArgs(value));
    expect(created.id).toBe("octo-org/hello-world/REGION");
    expect(await variables()).toMatchObject([{ scope: "repo", name: "REGION", value }]);
    expect(outputs).toMatchObject({ variableName: "region", value, onDrift: "overwrite" });
    expect(outputs.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await github.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /repos/octo-org/hello-world/actions/variables",
    ]);
  });

  test("the same value is no change and no request; a new value is one PATCH; a case change is no change", async () => {
    const context = github.context();
    const first = await create(repoVariable, context, repoArgs("eu-west-1"));
    const mark = (await github.requests()).length;
    const recheck = async (news: Record<string, unknown>) =>
      asEngineSends((await repoVariable.check(context, first.checked.inputs, news)).inputs);

    const same = await recheck(repoArgs("eu-west-1", { variableName: "REGION", owner: "Octo-Org" }));
    expect(await repoVariable.diff(context, first.created.id, first.outputs, same)).toMatchObject({ changes: false });
    expect((await github.requests()).length).toBe(mark);

    const news = await recheck(repoArgs("us-east-1"));
    expect(await repoVariable.diff(context, first.created.id, first.outputs, news)).toMatchObject({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const updated = await repoVariable.update(context, first.created.id, first.outputs, news);
    expect(updated.outs.value).toBe("us-east-1");
    expect((await github.requests()).slice(mark).map((r) => `${r.method} ${r.path}`)).toEqual([
      "PATCH /repos/octo-org/hello-world/actions/variables/region",
    ]);
    expect((await variables())[0].value).toBe("us-east-1");
  });

  test("a rename replaces, deleting first", async () => {
    const context = github.context();
    const first = await create(repoVariable, context, repoArgs("v"));
    const renamed = asEngineSends(
      (await repoVariable.check(context, first.checked.inputs, repoArgs("v", { variableName: "ZONE" }))).inputs,
    );
    expect(await repoVariable.diff(context, first.created.id, first.outputs, renamed)).toMatchObject({
      changes: true,
      replaces: ["variableName"],
      deleteBeforeReplace: true,
    });
  });

  test("a refresh compares values: a change outside Pulumi is drift (never showing the value), which onDrift acts on", async () => {
    const context = github.context();
    const first = await create(repoVariable, context, repoArgs("mine"));
    const untouched = await repoVariable.read(github.context(), first.created.id, first.outputs);
    expect(untouched.props).not.toHaveProperty("drift");

    const theirs = canary();
    await github.upsertVariable({
      scope: "repo",
      owner: "octo-org",
      repository: "hello-world",
      name: "REGION",
      value: theirs,
    });
    const read = await repoVariable.read(github.context(), first.created.id, first.outputs);
    expect(read.props.drift).toMatch(/^the value was changed outside Pulumi/);
    expect(read.props.value).toBe("mine");
    expect(mentions(read, theirs)).toBe(false);
    const state = asEngineSends(read.props) as typeof first.outputs;

    const news = async (onDrift: string) =>
      asEngineSends((await repoVariable.check(context, first.checked.inputs, repoArgs("mine", { onDrift }))).inputs);
    // ignore: no change, nothing written.
    expect(await repoVariable.diff(context, first.created.id, state, await news("ignore"))).toMatchObject({
      changes: false,
    });
    // fail: a change that the update refuses, sending nothing.
    const fail = await news("fail");
    expect(await repoVariable.diff(context, first.created.id, state, fail)).toMatchObject({ changes: true });
    const mark = (await github.requests()).length;
    await expect(repoVariable.update(context, first.created.id, state, fail)).rejects.toThrow(/onDrift is "fail"/);
    expect((await github.requests()).length).toBe(mark);
    // overwrite: one PATCH writes the program's value back.
    const updated = await repoVariable.update(context, first.created.id, state, await news("overwrite"));
    expect(updated.outs).not.toHaveProperty("drift");
    expect((await variables())[0].value).toBe("mine");
    expect((await writes()).map((r) => r.method)).toEqual(["POST", "PATCH"]);
  });

  test("create of an existing variable fails naming the import ID; with the import option it adopts it", async () => {
    await github.upsertVariable({
      scope: "repo",
      owner: "octo-org",
      repository: "hello-world",
      name: "REGION",
      value: "old",
    });
    const context = github.context();
    await expect(create(repoVariable, context, repoArgs("new"))).rejects.toThrow(
      /there already \(it answered 409\).*import: "octo-org\/hello-world\/REGION"/,
    );
    expect((await variables())[0].value).toBe("old");

    // The same value: adopted with a GET alone.
    await github.reset();
    await github.upsertVariable({
      scope: "repo",
      owner: "octo-org",
      repository: "hello-world",
      name: "REGION",
      value: "same",
    });
    const adopted = await create(
      repoVariable,
      github.context(),
      repoArgs("same", { importId: "octo-org/hello-world/REGION" }),
    );
    expect(adopted.outputs.value).toBe("same");
    // The control surface's write is not an API request: the adoption was one GET and no write.
    expect((await github.requests()).map((r) => r.method)).toEqual(["GET"]);
  });

  test("import: a different value is written with one PATCH; a wrong ID or a missing variable is refused", async () => {
    await github.upsertVariable({
      scope: "repo",
      owner: "octo-org",
      repository: "hello-world",
      name: "REGION",
      value: "old",
    });
    const context = github.context();
    const mark = (await github.requests()).length;
    const adopted = await create(repoVariable, context, repoArgs("new", { importId: "octo-org/hello-world/REGION" }));
    expect(adopted.created.id).toBe("octo-org/hello-world/REGION");
    expect((await github.requests()).slice(mark).map((r) => r.method)).toEqual(["GET", "PATCH"]);
    expect((await variables())[0].value).toBe("new");

    await expect(
      repoVariable.check(context, {}, repoArgs("x", { importId: "octo-org/hello-world/OTHER" })),
    ).rejects.toThrow(
      /import: is "octo-org\/hello-world\/OTHER", but these inputs name "octo-org\/hello-world\/REGION"/,
    );
    await expect(
      create(repoVariable, context, repoArgs("x", { variableName: "NONE", importId: "octo-org/hello-world/NONE" })),
    ).rejects.toThrow(/GitHub has no such variable/);
  });

  test("delete is one DELETE; gone is gone; in one run a variable another resource wrote is not deleted", async () => {
    const first = await create(repoVariable, github.context(), repoArgs("v"));
    await repoVariable.delete(github.context(), first.created.id, first.outputs);
    expect(await variables()).toEqual([]);
    expect((await repoVariable.read(github.context(), first.created.id, first.outputs)).id).toBe("");
    await expect(repoVariable.delete(github.context(), first.created.id, first.outputs)).resolves.toBeUndefined();

    const context = github.context();
    const old = await create(repoVariable, github.context(), repoArgs("old"));
    await repoVariable.delete(github.context(), old.created.id, old.outputs);
    const taken = await create(repoVariable, context, repoArgs("new", { variableName: "REGION" }));
    const deletes = (await writes()).filter((r) => r.method === "DELETE").length;
    await repoVariable.delete(context, old.created.id, old.outputs);
    expect((await writes()).filter((r) => r.method === "DELETE").length).toBe(deletes);
    expect(taken.created.id).toBe(old.created.id);
  });

  test("a secret and a variable of one name and scope are separate: writing one does not spare the other's delete", async () => {
    const context = github.context();
    const secret = await create(repoSecret, github.context(), {
      owner: "octo-org",
      repository: "hello-world",
      secretName: "REGION",
      plaintextValue: "s",
    });
    await create(repoVariable, context, repoArgs("v"));
    await repoSecret.delete(context, secret.created.id, secret.outputs);
    expect(await github.secrets()).toEqual([]);
    expect(await variables()).toHaveLength(1);
  });

  test("local mistakes are refused before any request, naming the field, never the value", async () => {
    const context = github.context();
    const big = "x".repeat(48 * 1024 + 1);
    await expect(repoVariable.check(context, {}, repoArgs(big, { variableName: "GITHUB_X" }))).rejects.toThrow(
      /variableName: "GITHUB_X" starts with GITHUB_[\s\S]*value: is 49153 bytes; GitHub's limit for a variable is 48 KB/,
    );
    await expect(repoVariable.check(context, {}, repoArgs(""))).rejects.toThrow(/value: is empty/);
    await expect(repoVariable.check(context, {}, { ...repoArgs("v"), value: undefined })).rejects.toThrow(
      /value: is missing/,
    );
    expect(await github.requests()).toEqual([]);
  });

  test("more variables in one environment than GitHub allows are refused at check, before any request", async () => {
    const context = github.context();
    const env = (i: number) => ({ ...repoArgs("v"), environment: "production", variableName: `V${i}` });
    for (let i = 0; i < 100; i++) await envVariable.check(context, {}, env(i));
    // Checking the same one again (a preview, then the update) counts it once.
    await envVariable.check(context, {}, env(0));
    await expect(envVariable.check(context, {}, env(100))).rejects.toThrow(
      /variableName: is variable number 101 that this program declares for the environment "production" of octo-org\/hello-world; GitHub allows at most 100 there/,
    );
    expect(await github.requests()).toEqual([]);
  });

  test("during a preview an unknown value passes check and shows as a change", async () => {
    const context = github.context();
    const first = await create(repoVariable, context, repoArgs("v"));
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const checked = await repoVariable.check(context, first.checked.inputs, repoArgs(unknown));
    expect(await repoVariable.diff(context, first.created.id, first.outputs, checked.inputs)).toMatchObject({
      changes: true,
    });
  });
});

describe("EnvVariable", () => {
  test("create, update and delete, the environment encoded once; ID with the environment percent-encoded", async () => {
    const context = github.context();
    const args = { ...repoArgs("a"), environment: "prod/eu west" };
    const first = await create(envVariable, context, args);
    expect(first.created.id).toBe("octo-org/hello-world/prod%2Feu%20west/REGION");
    const news = asEngineSends(
      (await envVariable.check(context, first.checked.inputs, { ...args, value: "b" })).inputs,
    );
    await envVariable.update(context, first.created.id, first.outputs, news);
    expect(await variables()).toMatchObject([{ scope: "environment", environment: "prod/eu west", value: "b" }]);
    await envVariable.delete(github.context(), first.created.id, first.outputs);
    expect((await writes()).map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /repos/octo-org/hello-world/environments/prod%2Feu%20west/variables",
      "PATCH /repos/octo-org/hello-world/environments/prod%2Feu%20west/variables/region",
      "DELETE /repos/octo-org/hello-world/environments/prod%2Feu%20west/variables/region",
    ]);
  });
});

describe("OrgVariable", () => {
  const orgArgs = (overrides: Record<string, unknown> = {}) => ({
    org: "octo-org",
    variableName: "SHARED",
    value: "v1",
    visibility: "selected",
    selectedRepositories: ["octo-org/hello-world"],
    ...overrides,
  });

  test("create is one POST with visibility and ids; a visibility or selection change alone is one PATCH without the value", async () => {
    const context = github.context();
    const first = await create(orgVariable, context, orgArgs());
    expect(first.outputs.selectedRepositoryIds).toEqual([1296269]);
    expect(await variables()).toMatchObject([
      { visibility: "selected", selected_repository_ids: [1296269], value: "v1" },
    ]);

    const news = asEngineSends(
      (await orgVariable.check(context, first.checked.inputs, orgArgs({ selectedRepositories: [1296269, 1300192] })))
        .inputs,
    );
    expect(await orgVariable.diff(context, first.created.id, first.outputs, news)).toMatchObject({ changes: true });
    const mark = (await github.requests()).length;
    const updated = await orgVariable.update(context, first.created.id, first.outputs, news);
    expect(updated.outs.selectedRepositoryIds).toEqual([1296269, 1300192]);
    const sent = (await github.requests()).slice(mark);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(["PATCH /orgs/octo-org/actions/variables/SHARED"]);
    expect(await variables()).toMatchObject([{ selected_repository_ids: [1296269, 1300192], value: "v1" }]);

    // A value change alone keeps the selection in the state.
    const state = asEngineSends(updated.outs);
    const valueOnly = asEngineSends(
      (
        await orgVariable.check(
          context,
          first.checked.inputs,
          orgArgs({ value: "v2", selectedRepositories: [1296269, 1300192] }),
        )
      ).inputs,
    );
    const again = await orgVariable.update(context, first.created.id, state, valueOnly);
    expect(again.outs.selectedRepositoryIds).toEqual([1296269, 1300192]);
  });

  test("a refresh reports visibility changed outside Pulumi", async () => {
    const context = github.context();
    const first = await create(orgVariable, context, orgArgs({ visibility: "all", selectedRepositories: undefined }));
    await pastPulumisWrite();
    await github.upsertVariable({
      scope: "org",
      owner: "octo-org",
      name: "SHARED",
      value: "v1",
      visibility: "private",
    });
    const read = await orgVariable.read(github.context(), first.created.id, first.outputs);
    expect(read.props.drift).toBe('visibility is "private" on GitHub, not "all"');
  });

  test("OrgVariableRepoSelection: sets, changes and removes the list; its key is not an OrgSecret's", async () => {
    const context = github.context();
    await create(orgVariable, context, orgArgs({ selectedRepositories: undefined }));
    // An OrgSecret of the same name managing its own list does not conflict with the variable's selection.
    await orgSecret.check(
      context,
      {},
      {
        org: "octo-org",
        secretName: "SHARED",
        plaintextValue: "s",
        visibility: "selected",
        selectedRepositories: [1296269],
      },
    );
    const selection = await create(orgVariableRepoSelection, context, {
      org: "octo-org",
      variableName: "shared",
      repositories: ["octo-org/hello-world"],
    });
    expect(selection.created.id).toBe("octo-org/SHARED");
    expect(await variables()).toMatchObject([{ selected_repository_ids: [1296269] }]);
    const news = asEngineSends(
      (
        await orgVariableRepoSelection.check(context, selection.checked.inputs, {
          org: "octo-org",
          variableName: "shared",
          repositories: [1300192],
        })
      ).inputs,
    );
    await orgVariableRepoSelection.update(context, selection.created.id, selection.outputs, news);
    expect(await variables()).toMatchObject([{ selected_repository_ids: [1300192] }]);
    await orgVariableRepoSelection.delete(
      context,
      selection.created.id,
      asEngineSends({ ...news, repositoryIds: [1300192], repositoryIdsByName: {} }),
    );
    expect(await variables()).toMatchObject([{ selected_repository_ids: [] }]);

    // A variable and a selection for one variable conflict.
    await expect(orgVariable.check(context, {}, orgArgs({ variableName: "shared" }))).rejects.toThrow(
      /manages already/,
    );
  });
});
