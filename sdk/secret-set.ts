import * as pulumi from "@pulumi/pulumi";
import { invalidInputs, type InputProblem } from "../core/input-problems";
import { readValue } from "../core/secret-value";
import { checkSecretName } from "../core/validate";
import { TYPE_MODULE } from "./dynamic-provider";
import { EnvSecret, type EnvSecretArgs } from "./env-secret";
import { OrgSecret, type OrgSecretArgs } from "./org-secret";
import { readEnvFile } from "./read-env-file";
import { RepoSecret, type RepoSecretArgs } from "./repo-secret";
import type { DriftPolicy } from "../core/drift-policy";
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
}

/** `SecretSet`'s arguments: one scope and its secrets. */
export type SecretSetArgs = SecretSetScope & SecretSetEntries;

interface Entry {
  name: string;
  value: pulumi.Input<string>;
  where: string;
}

const REPOSITORY_FIELDS = ["owner", "repository", "environment"] as const;
const ORG_ONLY_FIELDS = ["visibility", "selectedRepositories"] as const;

// The scope's type is a union TypeScript cannot tell apart field by field (nor check at all in a
// program that reads its sets from config): exactly one scope, whole.
function scopeProblems(args: SecretSetArgs): InputProblem[] {
  const given = (field: string) => (args as object as Record<string, unknown>)[field] !== undefined;
  if (given("org")) {
    return REPOSITORY_FIELDS.filter(given).map((field) => ({
      field,
      reason:
        "is given with org; a set has one scope: give org for organization secrets, or owner and repository (and environment) for a repository's.",
    }));
  }
  return [
    ...["owner", "repository"]
      .filter((field) => !given(field))
      .map((field) => ({
        field,
        reason:
          "is missing; give org for organization secrets, or owner and repository (and environment) for a repository's.",
      })),
    ...ORG_ONLY_FIELDS.filter(given).map((field) => ({
      field,
      reason: "is for organization secrets only; remove it, or give org instead of owner and repository.",
    })),
  ];
}

// Every check that needs no request, for every entry at once: a set is declared whole or not at all.
function entriesOf(args: SecretSetArgs): { entries: Entry[]; problems: InputProblem[] } {
  if (args.values !== undefined && args.envFile !== undefined) {
    return { entries: [], problems: [{ field: "values", reason: "and envFile are both given; give one of them." }] };
  }
  const read =
    args.envFile !== undefined
      ? readEnvFile(args.envFile)
      : args.values !== undefined
        ? {
            entries: Object.entries(args.values).map(([name, value]) => ({ name, value, where: `values.${name}` })),
            problems: [],
          }
        : {
            entries: [],
            problems: [
              {
                field: "envFile",
                reason: "is missing; give the path of a .env file, or values (a map of names to values).",
              },
            ],
          };
  const problems = [...scopeProblems(args), ...read.problems];
  const seen = new Map<string, string>();
  for (const { name, value, where } of read.entries) {
    const nameProblem = checkSecretName(where, name);
    if (nameProblem) problems.push(nameProblem);
    // GitHub names are case-insensitive: two entries for one name would be one secret written twice.
    const first = seen.get(name.toUpperCase());
    if (first !== undefined)
      problems.push({
        field: where,
        reason: `sets ${name}, which ${first} sets already (GitHub names are case-insensitive); keep one.`,
      });
    else seen.set(name.toUpperCase(), where);
    if (typeof value === "string") {
      const valueProblems: InputProblem[] = [];
      readValue({ plaintextValue: value }, valueProblems);
      problems.push(...valueProblems.map(({ reason }) => ({ field: `${where} (the value of ${name})`, reason })));
    }
  }
  return { entries: read.entries, problems };
}

function declareSecret(
  childName: string,
  args: SecretSetArgs,
  entry: Entry,
  opts: pulumi.CustomResourceOptions,
): ValueSecret {
  const secret = { secretName: entry.name, plaintextValue: pulumi.secret(entry.value), onDrift: args.onDrift };
  if ("org" in args) {
    return new OrgSecret(
      childName,
      { org: args.org, visibility: args.visibility, selectedRepositories: args.selectedRepositories, ...secret },
      opts,
    );
  }
  if ("environment" in args) {
    return new EnvSecret(
      childName,
      { owner: args.owner, repository: args.repository, environment: args.environment, ...secret },
      opts,
    );
  }
  return new RepoSecret(childName, { owner: args.owner, repository: args.repository, ...secret }, opts);
}

/**
 * The secrets of one scope, from a map of names to values or from a .env file: one `OrgSecret`,
 * `RepoSecret` or `EnvSecret` per entry, a child of the set named `SETNAME-SECRETNAME` (the name
 * upper-cased, as GitHub stores it). Adding an entry creates one secret, removing one deletes one,
 * reordering changes nothing, and changing only the case of a name changes nothing.
 *
 * Every entry is checked when the set is declared (the file's syntax, by line; names; duplicate
 * names, case-insensitively; empty and oversized values), and any problem stops the program
 * before a single secret is declared. Errors name the line and never hold a value.
 */
export class SecretSet extends pulumi.ComponentResource {
  /** Each secret of the set, by its name as given (the key in `values` or the .env file). */
  public readonly secrets: Readonly<Record<string, ValueSecret>>;

  constructor(name: string, args: SecretSetArgs, opts?: pulumi.ComponentResourceOptions) {
    const { entries, problems } = entriesOf(args);
    if (problems.length > 0) throw invalidInputs(`SecretSet "${name}"`, problems);
    super(`${TYPE_MODULE}:index:SecretSet`, name, {}, opts);
    // Options the engine applies per resource, which a component alone would ignore.
    const childOpts = { parent: this, retainOnDelete: opts?.retainOnDelete };
    this.secrets = Object.fromEntries(
      entries.map((entry) => [
        entry.name,
        declareSecret(`${name}-${entry.name.toUpperCase()}`, args, entry, childOpts),
      ]),
    );
    this.registerOutputs({ secretNames: entries.map((entry) => entry.name) });
  }
}
