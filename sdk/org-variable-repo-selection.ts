import * as pulumi from "@pulumi/pulumi";
import type { DriftPolicy } from "../core/drift-policy";
import type { RepositoryRef } from "../core/repository-ref";
import { secretId } from "../core/scope";
import { dynamicProvider, TYPE_MODULE } from "./dynamic-provider";
import { claimSecret } from "./secret-inputs";

/** The arguments of an {@link OrgVariableRepoSelection}: the organization variable and the repositories that can read it. */
export interface OrgVariableRepoSelectionArgs {
  /** The organization's login. */
  org: pulumi.Input<string>;
  /** The organization variable's name; its visibility must be `selected`. */
  variableName: pulumi.Input<string>;
  /** The repositories that can read the variable, by id or `owner/name`. */
  repositories: pulumi.Input<pulumi.Input<RepositoryRef>[]>;
  /** When a refresh found the list changed outside Pulumi: `overwrite` (default), `ignore`, `fail`. */
  onDrift?: pulumi.Input<DriftPolicy>;
}

/**
 * The repositories that can read an organization variable of visibility `selected`, managed apart from the
 * variable, as `OrgSecretRepoSelection` is for a secret. Do not combine with `selectedRepositories` on an
 * `OrgVariable` for the same variable (refused, as the two would undo each other). ID: `ORG/NAME`.
 */
export class OrgVariableRepoSelection extends pulumi.dynamic.Resource {
  /** The organization's login. */
  declare public readonly org: pulumi.Output<string>;
  /** The organization variable's name as given. */
  declare public readonly variableName: pulumi.Output<string>;
  /** The repositories' ids as last written. */
  declare public readonly repositoryIds: pulumi.Output<number[]>;
  /** Set by a refresh that found the list changed outside Pulumi. */
  declare public readonly drift: pulumi.Output<string | undefined>;

  constructor(name: string, args: OrgVariableRepoSelectionArgs, opts?: pulumi.CustomResourceOptions) {
    claimSecret(
      "OrgVariableRepoSelection",
      name,
      [args.org, args.variableName],
      ([org, variableName]) => secretId({ kind: "org", org }, variableName),
      "variable",
    );
    super(
      dynamicProvider("OrgVariableRepoSelection"),
      name,
      {
        org: args.org,
        variableName: args.variableName,
        repositories: args.repositories,
        onDrift: args.onDrift,
        repositoryIds: undefined,
        drift: undefined,
      },
      opts,
      TYPE_MODULE,
      "OrgVariableRepoSelection",
    );
  }
}
