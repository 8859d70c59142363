import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider, TYPE_MODULE } from "./dynamic-provider";
import { ValueSecret } from "./value-secret";
import { secretId, type SecretApp } from "../core/scope";
import { adoptImport, claimSecret, valueInputs, type SecretValueArgs } from "./secret-inputs";

import type { RepositoryRef } from "../core/repository-ref";

export type { RepositoryRef };

/** The arguments of an {@link OrgSecret}: the organization, the secret's name, its value and who can read it. */
export interface OrgSecretArgs extends SecretValueArgs {
  /** The organization's login. */
  org: pulumi.Input<string>;
  /** The secret's name, as for `RepoSecret`. */
  secretName: pulumi.Input<string>;
  /**
   * Which of the organization's repositories can read it: `all`, `private` (private and internal
   * repositories) or `selected`. Default `private`.
   */
  visibility?: pulumi.Input<"all" | "private" | "selected">;
  /**
   * For visibility `selected`: the repositories that can read it. Leave it out to manage the list
   * elsewhere (with `OrgSecretRepoSelection`, or by hand).
   */
  selectedRepositories?: pulumi.Input<pulumi.Input<RepositoryRef>[]>;
}

/**
 * An organization's secret of one application (Actions, Dependabot or Codespaces): what
 * {@link OrgSecret}, {@link DependabotOrgSecret} and {@link CodespacesOrgSecret} share.
 */
export abstract class OrgSecretOf extends ValueSecret {
  /** The organization's login. */
  declare public readonly org: pulumi.Output<string>;
  /** Which of the organization's repositories can read it: `all`, `private` or `selected`. */
  declare public readonly visibility: pulumi.Output<string>;
  /** The selected repositories' ids as last written (names resolved when written). */
  declare public readonly selectedRepositoryIds: pulumi.Output<number[] | undefined>;

  protected constructor(
    kind: string,
    app: SecretApp,
    name: string,
    args: OrgSecretArgs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    claimSecret(kind, name, [args.org, args.secretName], ([org, secretName]) =>
      secretId({ kind: "org", org, app }, secretName),
    );
    const adopted = adoptImport(opts);
    super(
      dynamicProvider(kind),
      name,
      {
        org: args.org,
        secretName: args.secretName,
        visibility: args.visibility,
        selectedRepositories: args.selectedRepositories,
        selectedRepositoryIds: undefined,
        ...valueInputs(args, adopted.importId),
      },
      adopted.opts,
      TYPE_MODULE,
      kind,
    );
  }
}

/**
 * A GitHub Actions secret of an organization.
 *
 * A change of value, visibility or selected repositories is an in-place update: a selection
 * change alone never writes the value, and nothing is ever deleted to change it. A change of
 * organization or name replaces the secret, deleting the old one first. ID and import ID:
 * `ORG/SECRET`.
 */
export class OrgSecret extends OrgSecretOf {
  constructor(name: string, args: OrgSecretArgs, opts?: pulumi.CustomResourceOptions) {
    super("OrgSecret", "actions", name, args, opts);
  }
}
