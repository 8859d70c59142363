import { byName, type Declared } from "../../programs/declared-stack";
import { engineTimeout } from "../support/engine-timeout";
import { pastPulumisWrite, useProgramEmulator } from "../support/program-emulator";

// EnvSecret, OrgSecret, OrgSecretRepoSelection, the import option and drift, through the engine.
const ODD_ENVIRONMENT = "50%: eu/west";
const HELLO = 1296269;
const SPOON = 1300192;
const github = useProgramEmulator("scopes-token", (fixture) => fixture.repos[0].environments!.push(ODD_ENVIRONMENT));
const { newStack, requestCount, writesSince } = github;
const onGitHub = () => github.control.secrets();

const org = (args: Record<string, unknown>, extra: Partial<Declared> = {}): Declared => ({
  kind: "OrgSecret",
  name: "shared",
  args: { org: "octo-org", secretName: "SHARED", ...args },
  value: "org value",
  ...extra,
});
const env = (name: string, environment: string, value: string): Declared => ({
  kind: "EnvSecret",
  name,
  args: { owner: "octo-org", repository: "hello-world", environment, secretName: "DB_PASSWORD" },
  value,
});

test(
  "environment and organization secrets: create, change in place, no-op, destroy",
  async () => {
    const stack = await newStack();
    await stack.declare([
      org({ visibility: "selected", selectedRepositories: ["octo-org/hello-world"] }),
      env("db", "prod/eu west", "v1"),
      env("odd", ODD_ENVIRONMENT, "v2"),
    ]);
    const created = await stack.up();
    expect(created.stdout).toMatch(/\+ 4 created/);
    const secrets = await onGitHub();
    expect(secrets.find((s) => s.scope === "org")).toMatchObject({
      name: "SHARED",
      value: "org value",
      visibility: "selected",
      selected_repository_ids: [HELLO],
    });
    expect(
      secrets
        .filter((s) => s.scope === "environment")
        .map((s) => [s.environment, s.value])
        .sort(),
    ).toEqual([
      [ODD_ENVIRONMENT, "v2"],
      ["prod/eu west", "v1"],
    ]);
    const paths = (await github.control.requests()).map((r) => r.path);
    expect(paths).toContain("/repos/octo-org/hello-world/environments/prod%2Feu%20west/secrets/DB_PASSWORD");
    expect(paths).toContain(
      `/repos/octo-org/hello-world/environments/${encodeURIComponent(ODD_ENVIRONMENT)}/secrets/DB_PASSWORD`,
    );

    // A selection change alone: the selection endpoint, never the value.
    await stack.declare([
      org({ visibility: "selected", selectedRepositories: ["octo-org/hello-world", SPOON] }),
      env("db", "prod/eu west", "v1"),
      env("odd", ODD_ENVIRONMENT, "v2"),
    ]);
    let mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/~ 1 updated/);
    expect(await writesSince(mark)).toEqual(["PUT /orgs/octo-org/actions/secrets/SHARED/repositories"]);

    // A visibility change: one PUT in place, the same value, no DELETE.
    await stack.declare([
      org({ visibility: "all" }),
      env("db", "prod/eu west", "v1"),
      env("odd", ODD_ENVIRONMENT, "v2"),
    ]);
    mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/~ 1 updated/);
    expect(await writesSince(mark)).toEqual(["PUT /orgs/octo-org/actions/secrets/SHARED"]);
    expect((await onGitHub()).find((s) => s.scope === "org")).toMatchObject({ value: "org value", visibility: "all" });

    // Names differing only in case are the same secret: nothing to do, nothing sent.
    await stack.declare([
      org({ visibility: "all", secretName: "shared" }),
      env("db", "Prod/EU West", "v1"),
      env("odd", ODD_ENVIRONMENT, "v2"),
    ]);
    mark = await requestCount();
    const same = await stack.up();
    expect(same.stdout).toMatch(/4 unchanged/);
    expect(await requestCount()).toBe(mark);

    expect((await stack.destroy()).exitCode).toBe(0);
    expect(await onGitHub()).toEqual([]);
  },
  engineTimeout(90_000),
);

test(
  "OrgSecretRepoSelection: set, add and remove, a conflict refused at preview, destroy keeps the secret's other readers",
  async () => {
    const stack = await newStack();
    const selection = (repositories: unknown[]): Declared => ({
      kind: "OrgSecretRepoSelection",
      name: "readers",
      args: { org: "octo-org", secretName: "SHARED", repositories },
      dependsOn: ["shared"],
    });
    await stack.declare([org({ visibility: "selected" }), selection(["octo-org/hello-world"])]);
    expect((await stack.up()).exitCode).toBe(0);
    expect((await onGitHub())[0]).toMatchObject({ selected_repository_ids: [HELLO] });

    await stack.declare([org({ visibility: "selected" }), selection([SPOON])]);
    const mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/~ 1 updated/);
    expect((await writesSince(mark)).sort()).toEqual([
      `DELETE /orgs/octo-org/actions/secrets/SHARED/repositories/${HELLO}`,
      `PUT /orgs/octo-org/actions/secrets/SHARED/repositories/${SPOON}`,
    ]);

    await stack.declare([org({ visibility: "selected", selectedRepositories: [HELLO] }), selection([SPOON])]);
    const conflict = await stack.preview();
    expect(conflict.exitCode).toBe(1);
    expect(conflict.stdout + conflict.stderr).toMatch(
      /would manage the selected repositories of octo-org\/SHARED, which OrgSecret octo-org\/SHARED manages already/,
    );

    await stack.declare([org({ visibility: "selected" })]);
    await github.control.upsertSecret({
      scope: "org",
      owner: "octo-org",
      name: "SHARED",
      value: "org value",
      visibility: "selected",
      selected_repository_ids: [HELLO, SPOON],
    });
    expect((await stack.up()).stdout).toMatch(/- 1 deleted/);
    expect((await onGitHub())[0]).toMatchObject({ name: "SHARED", selected_repository_ids: [HELLO] });
  },
  engineTimeout(90_000),
);

test(
  "the import option adopts an existing secret (ID compared case-insensitively) and fails clearly for a missing one",
  async () => {
    const stack = await newStack();
    await github.control.upsertSecret({
      scope: "repo",
      owner: "octo-org",
      repository: "hello-world",
      name: "LEGACY",
      value: "old",
    });
    const legacy = (importId: string): Declared => ({
      kind: "RepoSecret",
      name: "legacy",
      args: { owner: "octo-org", repository: "hello-world", secretName: "legacy" },
      value: "new",
      import: importId,
    });

    await stack.declare([legacy("octo-org/hello-world/NOPE")]);
    const wrongId = await stack.up();
    expect(wrongId.exitCode).toBe(1);
    expect(wrongId.stdout + wrongId.stderr).toMatch(
      /import: is "octo-org\/hello-world\/NOPE", but these inputs name "octo-org\/hello-world\/LEGACY"/,
    );

    expect((await onGitHub())[0]).toMatchObject({ value: "old" });

    await stack.declare([legacy("Octo-Org/hello-world/Legacy")]);
    const adopted = await stack.up();
    expect(adopted.exitCode).toBe(0);
    expect((await onGitHub())[0]).toMatchObject({ name: "LEGACY", value: "new" });

    const missing = await newStack();
    await missing.declare([
      {
        ...legacy("octo-org/spoon-knife/LEGACY"),
        args: { owner: "octo-org", repository: "spoon-knife", secretName: "LEGACY" },
      },
    ]);
    const failed = await missing.up();
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout + failed.stderr).toMatch(
      /RepoSecret octo-org\/spoon-knife\/LEGACY: cannot import "octo-org\/spoon-knife\/LEGACY": GitHub has no such secret/,
    );
    expect((await onGitHub()).filter((s) => s.repository === "spoon-knife")).toEqual([]);
  },
  engineTimeout(90_000),
);

test(
  "drift: refresh reports it; onDrift fail stops the update; overwrite with `up --refresh` restores the value in one run",
  async () => {
    const stack = await newStack();
    const watched = (onDrift: string): Declared => ({
      ...env("db", "production", "program value"),
      args: { ...env("db", "production", "").args, onDrift },
    });
    await stack.declare([watched("fail")]);
    await stack.up();
    await pastPulumisWrite();
    await github.control.upsertSecret({
      scope: "environment",
      owner: "octo-org",
      repository: "hello-world",
      environment: "production",
      name: "DB_PASSWORD",
      value: "by hand",
    });

    expect((await stack.refresh()).exitCode).toBe(0);
    expect(byName(await stack.exported(), "EnvSecret").db.outputs.drift).toMatch(
      /^changed outside Pulumi at \S+ \(last written by Pulumi at \S+\)$/,
    );
    const stopped = await stack.up();
    expect(stopped.exitCode).toBe(1);
    expect(stopped.stdout + stopped.stderr).toMatch(
      /EnvSecret octo-org\/hello-world environment "production" secret DB_PASSWORD: changed outside Pulumi at .* onDrift is "fail"/,
    );
    expect((await onGitHub())[0]).toMatchObject({ value: "by hand" });

    await stack.declare([watched("overwrite")]);
    const restored = await stack.up("--refresh");
    expect(restored.exitCode).toBe(0);
    expect((await onGitHub())[0]).toMatchObject({ value: "program value" });
    expect(byName(await stack.exported(), "EnvSecret").db.outputs.drift).toBeUndefined();
  },
  engineTimeout(90_000),
);
