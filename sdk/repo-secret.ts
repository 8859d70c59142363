import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider, TYPE_MODULE } from "./dynamic-provider";
import { adoptImport, valueInputs, type SecretValueArgs } from "./secret-inputs";

export interface RepoSecretArgs extends SecretValueArgs {
  /** The user or organization that owns the repository, e.g. `octo-org`. */
  owner: pulumi.Input<string>;
  /** The repository's name, without the owner, e.g. `hello-world`. */
  repository: pulumi.Input<string>;
  /**
   * The secret's name: letters, digits and `_`, not starting with a digit or `GITHUB_`.
   * Case-insensitive; GitHub stores it upper-cased.
   */
  secretName: pulumi.Input<string>;
}

/**
 * A GitHub Actions secret of one repository.
 *
 * A value change is an in-place update; a change of owner, repository or name (other than of
 * case) replaces the secret, deleting the old one first. ID and import ID: `OWNER/REPO/SECRET`.
 */
export class RepoSecret extends pulumi.dynamic.Resource {
  declare public readonly owner: pulumi.Output<string>;
  declare public readonly repository: pulumi.Output<string>;
  declare public readonly secretName: pulumi.Output<string>;
  /** HMAC-SHA-256 of the value keyed with a per-resource salt: changes exactly when the value does. */
  declare public readonly valueFingerprint: pulumi.Output<string>;
  /** When GitHub created the secret (ISO 8601). */
  declare public readonly createdAt: pulumi.Output<string>;
  /** GitHub's `updated_at` as last seen (by a write or a refresh). */
  declare public readonly updatedAt: pulumi.Output<string>;
  /** GitHub's `updated_at` right after Pulumi last wrote the secret. */
  declare public readonly writtenAt: pulumi.Output<string>;
  /** Set by a refresh that found the secret changed outside Pulumi: what changed, and when. */
  declare public readonly drift: pulumi.Output<string | undefined>;

  constructor(name: string, args: RepoSecretArgs, opts?: pulumi.CustomResourceOptions) {
    const adopted = adoptImport(opts);
    super(
      dynamicProvider("RepoSecret"),
      name,
      { owner: args.owner, repository: args.repository, secretName: args.secretName, ...valueInputs(args, adopted.importId) },
      adopted.opts,
      TYPE_MODULE,
      "RepoSecret",
    );
  }
}
