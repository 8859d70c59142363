import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider } from "./dynamic-provider";

export interface RepoSecretArgs {
  /** The user or organization that owns the repository, e.g. `octo-org`. */
  owner: pulumi.Input<string>;
  /** The repository's name, without the owner, e.g. `hello-world`. */
  repository: pulumi.Input<string>;
  /**
   * The secret's name: letters, digits and `_`, not starting with a digit or `GITHUB_`.
   * Case-insensitive; GitHub stores it upper-cased.
   */
  secretName: pulumi.Input<string>;
  /**
   * The value, at most 48 KB. Sealed for the repository's public key before it is sent; the
   * state keeps only a salted fingerprint of it. Give this or `encryptedValue`.
   */
  plaintextValue?: pulumi.Input<string>;
  /** A value already sealed for the repository's public key (base64), with `keyId`. */
  encryptedValue?: pulumi.Input<string>;
  /** The `key_id` of the public key `encryptedValue` was sealed for. */
  keyId?: pulumi.Input<string>;
}

/**
 * A GitHub Actions secret of one repository.
 *
 * A value change is an in-place update; a change of owner, repository or name replaces the
 * secret (deleting the old one first). Resource ID and import ID: `OWNER/REPO/SECRET_NAME`.
 */
export class RepoSecret extends pulumi.dynamic.Resource {
  public readonly owner!: pulumi.Output<string>;
  public readonly repository!: pulumi.Output<string>;
  public readonly secretName!: pulumi.Output<string>;
  /** HMAC-SHA-256 of the value keyed with a per-resource salt: changes exactly when the value does. */
  public readonly valueFingerprint!: pulumi.Output<string>;
  /** When GitHub created the secret (ISO 8601). */
  public readonly createdAt!: pulumi.Output<string>;
  /** When GitHub last saw the secret written (ISO 8601). */
  public readonly updatedAt!: pulumi.Output<string>;

  constructor(name: string, args: RepoSecretArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      dynamicProvider("RepoSecret"),
      name,
      {
        owner: args.owner,
        repository: args.repository,
        secretName: args.secretName,
        plaintextValue: args.plaintextValue === undefined ? undefined : pulumi.secret(args.plaintextValue),
        encryptedValue: args.encryptedValue === undefined ? undefined : pulumi.secret(args.encryptedValue),
        keyId: args.keyId,
        valueFingerprint: undefined,
        createdAt: undefined,
        updatedAt: undefined,
      },
      opts,
      "github-secrets",
      "RepoSecret",
    );
  }
}
