import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider, TYPE_MODULE } from "./dynamic-provider";
import { secretId, type SecretApp } from "../core/scope";
import { claimSecret } from "./secret-inputs";
import type { DriftPolicy } from "../core/drift-policy";
import type { RepositoryRef } from "./org-secret";

/** The arguments of an {@link OrgSecretRepoSelection}: the organization secret and the repositories that can read it. */
export interface OrgSecretRepoSelectionArgs {
  /** The organization's login. */
  org: pulumi.Input<string>;
  /** The organization secret's name; its visibility must be `selected`. */
  secretName: pulumi.Input<string>;
  /** The repositories that can read the secret, by id or `owner/name`. */
  repositories: pulumi.Input<pulumi.Input<RepositoryRef>[]>;
  /** When a refresh found the list changed outside Pulumi: `overwrite` (default), `ignore`, `fail`. */
  onDrift?: pulumi.Input<DriftPolicy>;
}

/**
 * The repositories that can read an organization secret of one application: what {@link OrgSecretRepoSelection},
 * {@link DependabotOrgSecretRepoSelection} and {@link CodespacesOrgSecretRepoSelection} share.
 */
export abstract class OrgSecretRepoSelectionOf extends pulumi.dynamic.Resource {
  /** The organization's login. */
  declare public readonly org: pulumi.Output<string>;
  /** The organization secret's name as given. */
  declare public readonly secretName: pulumi.Output<string>;
  /** The repositories' ids as last written. */
  declare public readonly repositoryIds: pulumi.Output<number[]>;
  /** Set by a refresh that found the list changed outside Pulumi. */
  declare public readonly drift: pulumi.Output<string | undefined>;

  protected constructor(
    kind: string,
    app: SecretApp,
    name: string,
    args: OrgSecretRepoSelectionArgs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    claimSecret(kind, name, [args.org, args.secretName], ([org, secretName]) =>
      secretId({ kind: "org", org, app }, secretName),
    );
    super(
      dynamicProvider(kind),
      name,
      {
        org: args.org,
        secretName: args.secretName,
        repositories: args.repositories,
        onDrift: args.onDrift,
        repositoryIds: undefined,
        drift: undefined,
      },
      opts,
      TYPE_MODULE,
      kind,
    );
  }
}

/**
 * The repositories that can read an organization secret of visibility `selected`, managed apart
 * from the secret. Do not combine with `selectedRepositories` on an `OrgSecret` for the same
 * secret (refused, as the two would undo each other).
 *
 * Create sets the whole list; an update adds and removes only the repositories that changed;
 * destroying it removes the repositories it lists from the secret and leaves the secret, and any
 * repository it does not list, in place. ID: `ORG/SECRET`.
 */
export class OrgSecretRepoSelection extends OrgSecretRepoSelectionOf {
  constructor(name: string, args: OrgSecretRepoSelectionArgs, opts?: pulumi.CustomResourceOptions) {
    super("OrgSecretRepoSelection", "actions", name, args, opts);
  }
}
