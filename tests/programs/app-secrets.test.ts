import { type Declared } from "../../programs/declared-stack";
import { engineTimeout } from "../support/engine-timeout";
import { pastPulumisWrite, useProgramEmulator } from "../support/program-emulator";

// Dependabot's and Codespaces' secrets through the engine: each kind's whole life (create, no change, a value
// change, a rename, a change made outside Pulumi, import, destroy), with the requests each step sends.
const HELLO = 1296269;
const SPOON = 1300192;
const github = useProgramEmulator("app-secrets-token");
const { newStack, requestCount, sentSince, writesSince } = github;

interface Kind {
  kind: string;
  app: "dependabot" | "codespaces";
  /** The scope's arguments, and the path of its secrets on GitHub. */
  args: Record<string, unknown>;
  path: string;
  /** The resource ID of a secret named NAME. */
  id: (name: string) => string;
  /** The out-of-band write that stands for a change made outside Pulumi. */
  seed: Record<string, unknown>;
}

const KINDS: Kind[] = [
  ...(["dependabot", "codespaces"] as const).flatMap((app): Kind[] => {
    const App = app[0].toUpperCase() + app.slice(1);
    return [
      {
        kind: `${App}RepoSecret`,
        app,
        args: { owner: "octo-org", repository: "hello-world" },
        path: `/repos/octo-org/hello-world/${app}/secrets`,
        id: (name) => `octo-org/hello-world/${name}`,
        seed: { scope: "repo", owner: "octo-org", repository: "hello-world", app },
      },
      {
        kind: `${App}OrgSecret`,
        app,
        args: { org: "octo-org", visibility: "all" },
        path: `/orgs/octo-org/${app}/secrets`,
        id: (name) => `octo-org/${name}`,
        seed: { scope: "org", owner: "octo-org", visibility: "all", app },
      },
    ];
  }),
  {
    kind: "CodespacesUserSecret",
    app: "codespaces",
    args: { selectedRepositories: [HELLO] },
    path: "/user/codespaces/secrets",
    id: (name) => name,
    seed: { scope: "user", owner: "octocat", app: "codespaces", selected_repository_ids: [HELLO] },
  },
];

/** Each kind's secrets on GitHub, `NAME=value`, by kind. */
async function onGitHub(): Promise<Record<string, string[]>> {
  const secrets = await github.control.secrets();
  return Object.fromEntries(
    KINDS.map(({ kind, app, seed }) => [
      kind,
      secrets
        .filter((s) => s.app === app && s.scope === seed.scope)
        .map((s) => `${s.name}=${s.value}`)
        .sort(),
    ]),
  );
}

/** The requests since `mark`, by the kind whose path they went to. */
async function sentByKind(mark: number, writesOnly = false): Promise<Record<string, string[]>> {
  const sent = await sentSince(mark);
  return Object.fromEntries(
    KINDS.map(({ kind, path }) => [
      kind,
      sent
        .filter((r) => r.split(" ")[1].startsWith(`${path}/`) && !(writesOnly && r.startsWith("GET ")))
        .map((r) => r.replace(` ${path}/`, " ")),
    ]),
  );
}

const forEachKind = <T>(value: (kind: Kind) => T) => Object.fromEntries(KINDS.map((k) => [k.kind, value(k)]));

// Every kind in one stack, each step applied to all of them at once: the engine runs as few times as one kind
// would need, and each kind's requests are told apart by their paths.
test(
  "Dependabot and Codespaces secrets: create, no change, value change, rename, outside change, import, destroy",
  async () => {
    const stack = await newStack();
    const secrets = (secretName: string, value: string): Declared[] =>
      KINDS.map(({ kind, args }) => ({ kind, name: kind, args: { ...args, secretName }, value }));
    const adopted = (): Declared[] =>
      KINDS.map(({ kind, args, id }) => ({
        kind,
        name: `${kind}-legacy`,
        args: { ...args, secretName: "legacy" },
        value: "new",
        import: id("LEGACY").toLowerCase(),
      }));

    await stack.declare(secrets("TOKEN", "v1"));
    let mark = await requestCount();
    // The stack and the five secrets.
    expect((await stack.up()).stdout).toMatch(/\+ 6 created/);
    expect(await sentByKind(mark)).toEqual(forEachKind(() => ["GET public-key", "PUT TOKEN"]));
    expect(await onGitHub()).toEqual(forEachKind(() => ["TOKEN=v1"]));
    expect((await github.control.secrets()).filter((s) => s.app === "actions")).toEqual([]);
    const ids = (await stack.exported()).resources
      .filter((r) => r.type.includes("/github-secrets:"))
      .map((r) => [r.type.split(":").pop(), r.id]);
    expect(Object.fromEntries(ids)).toEqual(forEachKind(({ id }) => id("TOKEN")));

    mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/6 unchanged/);
    expect(await requestCount()).toBe(mark);

    await stack.declare(secrets("TOKEN", "v2"));
    mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/~ 5 updated/);
    expect(await sentByKind(mark)).toEqual(forEachKind(() => ["GET public-key", "PUT TOKEN"]));
    expect(await onGitHub()).toEqual(forEachKind(() => ["TOKEN=v2"]));

    // A rename replaces the secret, deleting the old one first.
    await stack.declare(secrets("RENAMED", "v2"));
    mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/\+-5 replaced/);
    expect(await sentByKind(mark, true)).toEqual(forEachKind(() => ["DELETE TOKEN", "PUT RENAMED"]));
    expect(await onGitHub()).toEqual(forEachKind(() => ["RENAMED=v2"]));

    // Changed outside Pulumi: a refresh records it, the next up writes the program's value again.
    await pastPulumisWrite();
    for (const { seed } of KINDS)
      await github.control.upsertSecret({ ...seed, name: "RENAMED", value: "by hand" } as never);
    expect((await stack.refresh()).exitCode).toBe(0);
    const drift = (await stack.exported()).resources.filter((r) => /changed outside Pulumi/.test(r.outputs?.drift));
    expect(drift).toHaveLength(KINDS.length);
    mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/~ 5 updated/);
    expect(await sentByKind(mark, true)).toEqual(forEachKind(() => ["PUT RENAMED"]));
    expect(await onGitHub()).toEqual(forEachKind(() => ["RENAMED=v2"]));

    // Import: the import option adopts a secret that exists (one GET), and writes the program's value.
    for (const { seed } of KINDS) await github.control.upsertSecret({ ...seed, name: "LEGACY", value: "old" } as never);
    await stack.declare([...secrets("RENAMED", "v2"), ...adopted()]);
    mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/\+ 5 created/);
    expect(await sentByKind(mark)).toEqual(forEachKind(() => ["GET legacy", "GET public-key", "PUT legacy"]));
    expect(await onGitHub()).toEqual(forEachKind(() => ["LEGACY=new", "RENAMED=v2"]));

    mark = await requestCount();
    expect((await stack.destroy()).exitCode).toBe(0);
    const deleted = await sentByKind(mark);
    expect(forEachKind(({ kind }) => deleted[kind].sort())).toEqual(
      forEachKind(() => ["DELETE RENAMED", "DELETE legacy"]),
    );
    expect(await onGitHub()).toEqual(forEachKind(() => []));
  },
  engineTimeout(180_000),
);

test(
  "Dependabot's and Codespaces' OrgSecretRepoSelection: set the list, add and remove single repositories, leave the secret on destroy",
  async () => {
    const APPS = ["Dependabot", "Codespaces"];
    const stack = await newStack();
    const declared = (repositories?: unknown[]): Declared[] =>
      APPS.flatMap((App) => [
        {
          kind: `${App}OrgSecret`,
          name: `${App}-shared`,
          args: { org: "octo-org", secretName: "SHARED", visibility: "selected" },
          value: "org value",
        },
        ...(repositories
          ? [
              {
                kind: `${App}OrgSecretRepoSelection`,
                name: `${App}-readers`,
                args: { org: "octo-org", secretName: "SHARED", repositories },
                dependsOn: [`${App}-shared`],
              },
            ]
          : []),
      ]);
    const selections = async () =>
      Object.fromEntries((await github.control.secrets()).map((s) => [s.app, s.selected_repository_ids]));

    await stack.declare(declared(["octo-org/hello-world"]));
    expect((await stack.up()).exitCode).toBe(0);
    expect(await selections()).toEqual({ dependabot: [HELLO], codespaces: [HELLO] });

    await stack.declare(declared([SPOON]));
    const mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/~ 2 updated/);
    expect((await writesSince(mark)).sort()).toEqual(
      ["codespaces", "dependabot"]
        .flatMap((app) => [
          `DELETE /orgs/octo-org/${app}/secrets/SHARED/repositories/${HELLO}`,
          `PUT /orgs/octo-org/${app}/secrets/SHARED/repositories/${SPOON}`,
        ])
        .sort(),
    );

    // A repository added outside Pulumi: a refresh reads each list and records it; the next up removes it again.
    for (const app of ["dependabot", "codespaces"])
      await github.control.upsertSecret({
        scope: "org",
        app,
        owner: "octo-org",
        name: "SHARED",
        value: "org value",
        visibility: "selected",
        selected_repository_ids: [HELLO, SPOON],
      } as never);
    const refreshed = await requestCount();
    expect((await stack.refresh()).exitCode).toBe(0);
    expect(await sentSince(refreshed)).toEqual(
      expect.arrayContaining([
        "GET /orgs/octo-org/dependabot/secrets/SHARED/repositories",
        "GET /orgs/octo-org/codespaces/secrets/SHARED/repositories",
      ]),
    );
    // The out-of-band write changed each secret too: the secrets get the program's value again, the lists the
    // program's repositories.
    const repaired = await requestCount();
    expect((await stack.up()).stdout).toMatch(/~ 4 updated/);
    expect((await writesSince(repaired)).sort()).toEqual([
      "PUT /orgs/octo-org/codespaces/secrets/SHARED",
      "PUT /orgs/octo-org/codespaces/secrets/SHARED/repositories",
      "PUT /orgs/octo-org/dependabot/secrets/SHARED",
      "PUT /orgs/octo-org/dependabot/secrets/SHARED/repositories",
    ]);
    expect(await selections()).toEqual({ dependabot: [SPOON], codespaces: [SPOON] });

    await stack.declare(declared());
    expect((await stack.up()).stdout).toMatch(/- 2 deleted/);
    expect(await selections()).toEqual({ dependabot: [], codespaces: [] });
    expect((await github.control.secrets()).map((s) => s.name)).toEqual(["SHARED", "SHARED"]);
    expect((await stack.destroy()).exitCode).toBe(0);
  },
  engineTimeout(90_000),
);

test(
  "CodespacesUserSecret: a change of repositories is one request for one repository or for the whole list, never the value",
  async () => {
    const stack = await newStack();
    const user = (selectedRepositories: unknown[]): Declared => ({
      kind: "CodespacesUserSecret",
      name: "dotfiles",
      args: { secretName: "DOTFILES_TOKEN", selectedRepositories },
      value: "v1",
    });
    await stack.declare([user(["octo-org/hello-world"])]);
    expect((await stack.up()).exitCode).toBe(0);
    expect((await github.control.secrets()).find((s) => s.app === "codespaces")).toMatchObject({
      scope: "user",
      owner: "octocat",
      selected_repository_ids: [HELLO],
    });

    await stack.declare([user([HELLO, "octo-org/spoon-knife"])]);
    const mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/~ 1 updated/);
    expect(await writesSince(mark)).toEqual([`PUT /user/codespaces/secrets/DOTFILES_TOKEN/repositories/${SPOON}`]);
    expect((await github.control.secrets()).find((s) => s.app === "codespaces")).toMatchObject({
      value: "v1",
      selected_repository_ids: [HELLO, SPOON],
    });

    await stack.declare([user([SPOON])]);
    const removed = await requestCount();
    expect((await stack.up()).stdout).toMatch(/~ 1 updated/);
    expect(await writesSince(removed)).toEqual([
      `DELETE /user/codespaces/secrets/DOTFILES_TOKEN/repositories/${HELLO}`,
    ]);
    expect(await sentSince(removed)).not.toContain("GET /user/codespaces/secrets/public-key");

    // Two changes at once: the whole list in one request.
    await stack.declare([user([HELLO])]);
    const swapped = await requestCount();
    expect((await stack.up()).stdout).toMatch(/~ 1 updated/);
    expect(await writesSince(swapped)).toEqual(["PUT /user/codespaces/secrets/DOTFILES_TOKEN/repositories"]);
    expect((await github.control.secrets()).find((s) => s.app === "codespaces")).toMatchObject({
      value: "v1",
      selected_repository_ids: [HELLO],
    });
    expect((await stack.destroy()).exitCode).toBe(0);
  },
  engineTimeout(90_000),
);

test(
  "an Actions secret and a Dependabot secret of the same name are two secrets, each sealed for its own key",
  async () => {
    const stack = await newStack();
    const args = { owner: "octo-org", repository: "hello-world", secretName: "NPM_TOKEN" };
    await stack.declare([
      { kind: "RepoSecret", name: "npm", args, value: "same value" },
      { kind: "DependabotRepoSecret", name: "npm-dependabot", args, value: "same value" },
    ]);
    const mark = await requestCount();
    expect((await stack.up()).stdout).toMatch(/\+ 3 created/);
    expect((await sentSince(mark)).sort()).toEqual([
      "GET /repos/octo-org/hello-world/actions/secrets/public-key",
      "GET /repos/octo-org/hello-world/dependabot/secrets/public-key",
      "PUT /repos/octo-org/hello-world/actions/secrets/NPM_TOKEN",
      "PUT /repos/octo-org/hello-world/dependabot/secrets/NPM_TOKEN",
    ]);
    expect((await github.control.secrets()).map((s) => [s.app, s.name, s.value]).sort()).toEqual([
      ["actions", "NPM_TOKEN", "same value"],
      ["dependabot", "NPM_TOKEN", "same value"],
    ]);

    // Dropping one leaves the other: the delete is the Dependabot secret's alone.
    await stack.declare([{ kind: "RepoSecret", name: "npm", args, value: "same value" }]);
    expect((await stack.up()).stdout).toMatch(/- 1 deleted/);
    expect((await github.control.secrets()).map((s) => s.app)).toEqual(["actions"]);
    expect((await stack.destroy()).exitCode).toBe(0);
  },
  engineTimeout(90_000),
);
