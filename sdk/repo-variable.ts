import * as pulumi from "@pulumi/pulumi";
import { secretId } from "../core/scope";
import { dynamicProvider, TYPE_MODULE } from "./dynamic-provider";
import { adoptImport, claimSecret } from "./secret-inputs";
import { Variable, variableInputs, type VariableValueArgs } from "./variable-inputs";

/** The arguments of a {@link RepoVariable}: the repository, the variable's name and its value. */
export interface RepoVariableArgs extends VariableValueArgs {
  /** The user or organization that owns the repository, e.g. `octo-org`. */
  owner: pulumi.Input<string>;
  /** The repository's name, without the owner, e.g. `hello-world`. */
  repository: pulumi.Input<string>;
  /**
   * The variable's name: letters, digits and `_`, not starting with a digit or `GITHUB_`.
   * Case-insensitive; GitHub stores it upper-cased.
   */
  variableName: pulumi.Input<string>;
}

/**
 * A GitHub Actions variable of one repository.
 *
 * A value change is one in-place PATCH; a change of owner, repository or name (other than of case) replaces the
 * variable, deleting the old one first. An existing variable is adopted with the `import` option (without it,
 * create fails on GitHub's 409). ID and import ID: `OWNER/REPO/NAME`.
 */
export class RepoVariable extends Variable {
  /** The user or organization that owns the repository. */
  declare public readonly owner: pulumi.Output<string>;
  /** The repository's name, without the owner. */
  declare public readonly repository: pulumi.Output<string>;

  constructor(name: string, args: RepoVariableArgs, opts?: pulumi.CustomResourceOptions) {
    claimSecret(
      "RepoVariable",
      name,
      [args.owner, args.repository, args.variableName],
      ([owner, repository, variableName]) => secretId({ kind: "repo", owner, repository }, variableName),
      "variable",
    );
    const adopted = adoptImport(opts);
    super(
      dynamicProvider("RepoVariable"),
      name,
      {
        owner: args.owner,
        repository: args.repository,
        variableName: args.variableName,
        ...variableInputs(args, adopted.importId),
      },
      adopted.opts,
      TYPE_MODULE,
      "RepoVariable",
    );
  }
}
