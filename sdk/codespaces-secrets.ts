import * as pulumi from "@pulumi/pulumi";
import { secretId } from "../core/scope";
import { dynamicProvider, TYPE_MODULE } from "./dynamic-provider";
import { OrgSecretOf, type OrgSecretArgs, type RepositoryRef } from "./org-secret";
import { OrgSecretRepoSelectionOf, type OrgSecretRepoSelectionArgs } from "./org-secret-repo-selection";
import { RepoSecretOf, type RepoSecretArgs } from "./repo-secret";
import { adoptImport, claimSecret, valueInputs, type SecretValueArgs } from "./secret-inputs";
import { ValueSecret } from "./value-secret";

// Codespaces' secrets: the ones a codespace gets as environment variables. The same arguments, outputs, IDs and
// change rules as their Actions counterparts; sealed for Codespaces' own keys. The user's own secrets are the one
// scope Actions has no counterpart for.

/** A Codespaces secret of one repository, as {@link RepoSecret} is an Actions one. ID and import ID: `OWNER/REPO/SECRET`. */
export class CodespacesRepoSecret extends RepoSecretOf {
  constructor(name: string, args: RepoSecretArgs, opts?: pulumi.CustomResourceOptions) {
    super("CodespacesRepoSecret", "codespaces", name, args, opts);
  }
}

/** A Codespaces secret of an organization, as {@link OrgSecret} is an Actions one. ID and import ID: `ORG/SECRET`. */
export class CodespacesOrgSecret extends OrgSecretOf {
  constructor(name: string, args: OrgSecretArgs, opts?: pulumi.CustomResourceOptions) {
    super("CodespacesOrgSecret", "codespaces", name, args, opts);
  }
}

/** The repositories that can read a Codespaces organization secret of visibility `selected`, as {@link OrgSecretRepoSelection}. */
export class CodespacesOrgSecretRepoSelection extends OrgSecretRepoSelectionOf {
  constructor(name: string, args: OrgSecretRepoSelectionArgs, opts?: pulumi.CustomResourceOptions) {
    super("CodespacesOrgSecretRepoSelection", "codespaces", name, args, opts);
  }
}

/** The arguments of a {@link CodespacesUserSecret}: the secret's name, its value and the repositories that may use it. */
export interface CodespacesUserSecretArgs extends SecretValueArgs {
  /** The secret's name, as for `RepoSecret`. */
  secretName: pulumi.Input<string>;
  /** The repositories whose codespaces may use it, by id or `owner/name`; none by default. */
  selectedRepositories?: pulumi.Input<pulumi.Input<RepositoryRef>[]>;
}

/**
 * One of the authenticated user's own Codespaces secrets (the token's user: a GitHub App installation has none).
 *
 * A value change is an in-place update, and so is a change of the repositories, which never writes the value; a
 * change of name replaces the secret, deleting the old one first. ID and import ID: `SECRET`.
 */
export class CodespacesUserSecret extends ValueSecret {
  /** The selected repositories' ids as last written (names resolved when written). */
  declare public readonly selectedRepositoryIds: pulumi.Output<number[]>;

  constructor(name: string, args: CodespacesUserSecretArgs, opts?: pulumi.CustomResourceOptions) {
    claimSecret("CodespacesUserSecret", name, [args.secretName], ([secretName]) =>
      secretId({ kind: "user" }, secretName),
    );
    const adopted = adoptImport(opts);
    super(
      dynamicProvider("CodespacesUserSecret"),
      name,
      {
        secretName: args.secretName,
        selectedRepositories: args.selectedRepositories,
        selectedRepositoryIds: undefined,
        ...valueInputs(args, adopted.importId),
      },
      adopted.opts,
      TYPE_MODULE,
      "CodespacesUserSecret",
    );
  }
}
