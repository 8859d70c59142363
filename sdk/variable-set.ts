import * as pulumi from "@pulumi/pulumi";
import type { DriftPolicy } from "../core/drift-policy";
import { invalidInputs } from "../core/input-problems";
import { checkVariableValue } from "../core/variable-value";
import { TYPE_MODULE } from "./dynamic-provider";
import { EnvVariable, type EnvVariableArgs } from "./env-variable";
import { OrgVariable, type OrgVariableArgs } from "./org-variable";
import { RepoVariable, type RepoVariableArgs } from "./repo-variable";
import { setEntries, type SetEntry } from "./set-entries";
import type { Variable } from "./variable-inputs";

/**
 * Where a `VariableSet` puts its variables, given as for the single resources: `{ org, visibility?,
 * selectedRepositories? }` (as `OrgVariable`), `{ owner, repository }` (as `RepoVariable`) or
 * `{ owner, repository, environment }` (as `EnvVariable`).
 */
export type VariableSetScope =
  | Pick<OrgVariableArgs, "org" | "visibility" | "selectedRepositories">
  | Pick<RepoVariableArgs, "owner" | "repository">
  | Pick<EnvVariableArgs, "owner" | "repository" | "environment">;

/** The variables of a `VariableSet`, and what they share beside their scope. */
export interface VariableSetEntries {
  /** The variables, name → value (a value given as a Pulumi secret stays one in the state). Give this or `envFile`. */
  values?: Record<string, pulumi.Input<string>>;
  /** The path of a .env file, read when the program runs, as `SecretSet` reads one. Give this or `values`. */
  envFile?: string;
  /** `onDrift` of every variable of the set, as for the single resources. Default `overwrite`. */
  onDrift?: pulumi.Input<DriftPolicy>;
}

/** `VariableSet`'s arguments: one scope and its variables. */
export type VariableSetArgs = VariableSetScope & VariableSetEntries;

function declareVariable(
  childName: string,
  args: VariableSetArgs,
  entry: SetEntry,
  opts: pulumi.CustomResourceOptions,
): Variable {
  const variable = { variableName: entry.name, value: entry.value, onDrift: args.onDrift };
  if ("org" in args) {
    return new OrgVariable(
      childName,
      { org: args.org, visibility: args.visibility, selectedRepositories: args.selectedRepositories, ...variable },
      opts,
    );
  }
  if ("environment" in args) {
    return new EnvVariable(
      childName,
      { owner: args.owner, repository: args.repository, environment: args.environment, ...variable },
      opts,
    );
  }
  return new RepoVariable(childName, { owner: args.owner, repository: args.repository, ...variable }, opts);
}

/**
 * The Actions variables of one scope, from a map of names to values or from a .env file, as `SecretSet` declares
 * secrets: one `OrgVariable`, `RepoVariable` or `EnvVariable` per entry, a child of the set named
 * `SETNAME-VARIABLENAME` (upper-cased). Adding an entry creates one variable, removing one deletes one,
 * reordering or changing only the case of a name changes nothing.
 *
 * Every entry is checked when the set is declared (the file's syntax, by line; names; duplicate names; empty and
 * oversized values), and any problem stops the program before a single variable is declared. Errors name the
 * line and never hold a value.
 */
export class VariableSet extends pulumi.ComponentResource {
  /** Each variable of the set, by its name as given (the key in `values` or the .env file). */
  public readonly variables: Readonly<Record<string, Variable>>;

  constructor(name: string, args: VariableSetArgs, opts?: pulumi.ComponentResourceOptions) {
    const { entries, problems } = setEntries(args, "variable", (value) => {
      const problem = checkVariableValue("value", value);
      return problem ? [problem.reason] : [];
    });
    if (problems.length > 0) throw invalidInputs(`VariableSet "${name}"`, problems);
    super(`${TYPE_MODULE}:index:VariableSet`, name, {}, opts);
    // Options the engine applies per resource, which a component alone would ignore.
    const childOpts = { parent: this, retainOnDelete: opts?.retainOnDelete };
    this.variables = Object.fromEntries(
      entries.map((entry) => [
        entry.name,
        declareVariable(`${name}-${entry.name.toUpperCase()}`, args, entry, childOpts),
      ]),
    );
    this.registerOutputs({ variableNames: entries.map((entry) => entry.name) });
  }
}
