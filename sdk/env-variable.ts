import * as pulumi from "@pulumi/pulumi";
import { secretId } from "../core/scope";
import { dynamicProvider, TYPE_MODULE } from "./dynamic-provider";
import { adoptImport, claimSecret } from "./secret-inputs";
import { Variable, variableInputs, type VariableValueArgs } from "./variable-inputs";

/** The arguments of an {@link EnvVariable}: the repository, its environment, the variable's name and its value. */
export interface EnvVariableArgs extends VariableValueArgs {
  /** The user or organization that owns the repository. */
  owner: pulumi.Input<string>;
  /** The repository's name, without the owner. */
  repository: pulumi.Input<string>;
  /** The deployment environment's name as it reads (`prod/eu west`), not percent-encoded. */
  environment: pulumi.Input<string>;
  /** The variable's name, as for `RepoVariable`. */
  variableName: pulumi.Input<string>;
}

/**
 * A GitHub Actions variable of one deployment environment.
 *
 * As `RepoVariable`, with the environment part of its identity. ID and import ID: `OWNER/REPO/ENVIRONMENT/NAME`,
 * the environment percent-encoded (`octo-org/hello-world/prod%2Feu%20west/REGION`).
 */
export class EnvVariable extends Variable {
  /** The user or organization that owns the repository. */
  declare public readonly owner: pulumi.Output<string>;
  /** The repository's name, without the owner. */
  declare public readonly repository: pulumi.Output<string>;
  /** The deployment environment's name as it reads. */
  declare public readonly environment: pulumi.Output<string>;

  constructor(name: string, args: EnvVariableArgs, opts?: pulumi.CustomResourceOptions) {
    claimSecret(
      "EnvVariable",
      name,
      [args.owner, args.repository, args.environment, args.variableName],
      ([owner, repository, environment, variableName]) =>
        secretId({ kind: "environment", owner, repository, environment }, variableName),
      "variable",
    );
    const adopted = adoptImport(opts);
    super(
      dynamicProvider("EnvVariable"),
      name,
      {
        owner: args.owner,
        repository: args.repository,
        environment: args.environment,
        variableName: args.variableName,
        ...variableInputs(args, adopted.importId),
      },
      adopted.opts,
      TYPE_MODULE,
      "EnvVariable",
    );
  }
}
