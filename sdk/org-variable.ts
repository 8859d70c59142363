import * as pulumi from "@pulumi/pulumi";
import type { RepositoryRef } from "../core/repository-ref";
import { secretId } from "../core/scope";
import { dynamicProvider, TYPE_MODULE } from "./dynamic-provider";
import { adoptImport, claimSecret } from "./secret-inputs";
import { Variable, variableInputs, type VariableValueArgs } from "./variable-inputs";

/** The arguments of an {@link OrgVariable}: the organization, the variable's name, its value and who can read it. */
export interface OrgVariableArgs extends VariableValueArgs {
  /** The organization's login. */
  org: pulumi.Input<string>;
  /** The variable's name, as for `RepoVariable`. */
  variableName: pulumi.Input<string>;
  /** Which of the organization's repositories can read it: `all`, `private` or `selected`. Default `private`. */
  visibility?: pulumi.Input<"all" | "private" | "selected">;
  /**
   * For visibility `selected`: the repositories that can read it, by id or `owner/name`. Leave it out to manage
   * the list elsewhere (with `OrgVariableRepoSelection`, or by hand).
   */
  selectedRepositories?: pulumi.Input<pulumi.Input<RepositoryRef>[]>;
}

/**
 * A GitHub Actions variable of an organization.
 *
 * A change of value, visibility or selected repositories is one in-place PATCH; a change of organization or name
 * replaces the variable, deleting the old one first. ID and import ID: `ORG/NAME`.
 */
export class OrgVariable extends Variable {
  /** The organization's login. */
  declare public readonly org: pulumi.Output<string>;
  /** Which of the organization's repositories can read it. */
  declare public readonly visibility: pulumi.Output<string>;
  /** The selected repositories' ids as last written (names resolved when written). */
  declare public readonly selectedRepositoryIds: pulumi.Output<number[] | undefined>;

  constructor(name: string, args: OrgVariableArgs, opts?: pulumi.CustomResourceOptions) {
    claimSecret(
      "OrgVariable",
      name,
      [args.org, args.variableName],
      ([org, variableName]) => secretId({ kind: "org", org }, variableName),
      "variable",
    );
    const adopted = adoptImport(opts);
    super(
      dynamicProvider("OrgVariable"),
      name,
      {
        org: args.org,
        variableName: args.variableName,
        visibility: args.visibility,
        selectedRepositories: args.selectedRepositories,
        selectedRepositoryIds: undefined,
        ...variableInputs(args, adopted.importId),
      },
      adopted.opts,
      TYPE_MODULE,
      "OrgVariable",
    );
  }
}
