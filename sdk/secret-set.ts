import * as pulumi from "@pulumi/pulumi";
import { invalidInputs, type InputProblem } from "../core/input-problems";
import { readValue } from "../core/secret-value";
import { TYPE_MODULE } from "./dynamic-provider";
import { EnvSecret, type EnvSecretArgs } from "./env-secret";
import { OrgSecret, type OrgSecretArgs } from "./org-secret";
import { setEntries, type SetEntry } from "./set-entries";
import { RepoSecret, type RepoSecretArgs } from "./repo-secret";
import type { DriftPolicy } from "../core/drift-policy";
import { SECRET_APPS, type SecretApp } from "../core/scope";
import { CodespacesOrgSecret, CodespacesRepoSecret } from "./codespaces-secrets";
import { DependabotOrgSecret, DependabotRepoSecret } from "./dependabot-secrets";
import type { ValueSecret } from "./value-secret";

/**
 * Where a `SecretSet` puts its secrets, given as for the single resources: `{ org, visibility?,
 * selectedRepositories? }` (as `OrgSecret`), `{ owner, repository }` (as `RepoSecret`) or
 * `{ owner, repository, environment }` (as `EnvSecret`).
 */
export type SecretSetScope =
  | Pick<OrgSecretArgs, "org" | "visibility" | "selectedRepositories">
  | Pick<RepoSecretArgs, "owner" | "repository">
  | Pick<EnvSecretArgs, "owner" | "repository" | "environment">;

/** The secrets of a `SecretSet`, and what they share beside their scope. */
export interface SecretSetEntries {
  /** The secrets, name → value. Give this or `envFile`. */
  values?: Record<string, pulumi.Input<string>>;
  /**
   * The path of a .env file (relative to the directory the program runs in), read when the
   * program runs, the way dotenv reads it: `NAME=value`, `export NAME=value`, values in `"`, `'`
   * or `` ` ``, multi-line quoted values, `#` comments. Give this or `values`.
   */
  envFile?: string;
  /** `onDrift` of every secret of the set, as for the single resources. Default `overwrite`. */
  onDrift?: pulumi.Input<DriftPolicy>;
  /**
   * The applications each entry is written to: any of `actions`, `dependabot` (the secrets that workflows
   * Dependabot triggers read) and `codespaces`. Default `["actions"]`. Dependabot and Codespaces have no
   * environment secrets.
   */
  apps?: SecretApp[];
}

/** `SecretSet`'s arguments: one scope and its secrets. */
export type SecretSetArgs = SecretSetScope & SecretSetEntries;

type Entry = SetEntry;

function appsOf(args: SecretSetArgs): { apps: SecretApp[]; problems: InputProblem[] } {
  const apps = args.apps ?? ["actions"];
  const problems: InputProblem[] = [];
  if (!Array.isArray(apps) || apps.length === 0)
    return { apps: [], problems: [{ field: "apps", reason: `must list one or more of ${SECRET_APPS.join(", ")}.` }] };
  apps.forEach((app, i) => {
    if (!SECRET_APPS.includes(app))
      problems.push({ field: `apps[${i}]`, reason: `is "${String(app)}"; give one of ${SECRET_APPS.join(", ")}.` });
    else if (apps.indexOf(app) !== i) problems.push({ field: `apps[${i}]`, reason: `lists ${app} again; keep one.` });
    else if (app !== "actions" && "environment" in args && args.environment !== undefined)
      problems.push({
        field: `apps[${i}]`,
        reason: `is ${app}, which has no environment secrets; give owner and repository without environment for a repository's ${app} secrets, or leave ${app} out.`,
      });
  });
  return { apps, problems };
}

// Every check that needs no request, for every entry at once: a set is declared whole or not at all.
function entriesOf(args: SecretSetArgs): { entries: Entry[]; problems: InputProblem[] } {
  return setEntries(args, "secret", (value) => {
    const valueProblems: InputProblem[] = [];
    readValue({ plaintextValue: value }, valueProblems);
    return valueProblems.map(({ reason }) => reason);
  });
}

// Each application's resource classes, by scope.
const CLASSES = {
  actions: { org: OrgSecret, repo: RepoSecret },
  dependabot: { org: DependabotOrgSecret, repo: DependabotRepoSecret },
  codespaces: { org: CodespacesOrgSecret, repo: CodespacesRepoSecret },
};

function declareSecret(
  childName: string,
  app: SecretApp,
  args: SecretSetArgs,
  entry: Entry,
  opts: pulumi.CustomResourceOptions,
): ValueSecret {
  const secret = { secretName: entry.name, plaintextValue: pulumi.secret(entry.value), onDrift: args.onDrift };
  if ("org" in args) {
    return new CLASSES[app].org(
      childName,
      { org: args.org, visibility: args.visibility, selectedRepositories: args.selectedRepositories, ...secret },
      opts,
    );
  }
  if ("environment" in args && args.environment !== undefined) {
    return new EnvSecret(
      childName,
      { owner: args.owner, repository: args.repository, environment: args.environment, ...secret },
      opts,
    );
  }
  return new CLASSES[app].repo(childName, { owner: args.owner, repository: args.repository, ...secret }, opts);
}

/** A child's name: `SET-NAME` for Actions (as before `apps` existed, so adding an application renames nothing), `SET-dependabot-NAME` for the others. */
function childName(setName: string, app: SecretApp, secretName: string): string {
  return app === "actions" ? `${setName}-${secretName.toUpperCase()}` : `${setName}-${app}-${secretName.toUpperCase()}`;
}

/**
 * The secrets of one scope, from a map of names to values or from a .env file: one `OrgSecret`,
 * `RepoSecret` or `EnvSecret` per entry, a child of the set named `SETNAME-SECRETNAME` (the name
 * upper-cased, as GitHub stores it). Adding an entry creates one secret, removing one deletes one,
 * reordering changes nothing, and changing only the case of a name changes nothing.
 *
 * With `apps`, each entry is written to each application listed: `dependabot` adds a `DependabotOrgSecret` or
 * `DependabotRepoSecret` per entry named `SETNAME-dependabot-SECRETNAME`, `codespaces` likewise. Adding an
 * application to a set creates only its secrets; the others keep their names and are left as they are.
 *
 * Every entry is checked when the set is declared (the file's syntax, by line; names; duplicate
 * names, case-insensitively; empty and oversized values), and any problem stops the program
 * before a single secret is declared. Errors name the line and never hold a value.
 */
export class SecretSet extends pulumi.ComponentResource {
  /** Each secret of the set, by its name as given (the key in `values` or the .env file): of the first application in `apps`. */
  public readonly secrets: Readonly<Record<string, ValueSecret>>;
  /** Each application's secrets of the set, by name as given. */
  public readonly secretsByApp: Readonly<Partial<Record<SecretApp, Readonly<Record<string, ValueSecret>>>>>;

  constructor(name: string, args: SecretSetArgs, opts?: pulumi.ComponentResourceOptions) {
    const apps = appsOf(args);
    const { entries, problems } = entriesOf(args);
    problems.unshift(...apps.problems);
    if (problems.length > 0) throw invalidInputs(`SecretSet "${name}"`, problems);
    super(`${TYPE_MODULE}:index:SecretSet`, name, {}, opts);
    // Options the engine applies per resource, which a component alone would ignore.
    const childOpts = { parent: this, retainOnDelete: opts?.retainOnDelete };
    this.secretsByApp = Object.fromEntries(
      apps.apps.map((app) => [
        app,
        Object.fromEntries(
          entries.map((entry) => [
            entry.name,
            declareSecret(childName(name, app, entry.name), app, args, entry, childOpts),
          ]),
        ),
      ]),
    );
    this.secrets = this.secretsByApp[apps.apps[0]]!;
    this.registerOutputs({ secretNames: entries.map((entry) => entry.name) });
  }
}
