import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider, TYPE_MODULE } from "./dynamic-provider";
import { ValueSecret } from "./value-secret";
import { secretId } from "../core/scope";
import { adoptImport, claimSecret, valueInputs, type SecretValueArgs } from "./secret-inputs";

/** The arguments of a {@link RepoSecret}: the repository, the secret's name and its value. */
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
export class RepoSecret extends ValueSecret {
  /** The user or organization that owns the repository. */
  declare public readonly owner: pulumi.Output<string>;
  /** The repository's name, without the owner. */
  declare public readonly repository: pulumi.Output<string>;

  constructor(name: string, args: RepoSecretArgs, opts?: pulumi.CustomResourceOptions) {
    claimSecret("RepoSecret", name, [args.owner, args.repository, args.secretName], ([owner, repository, secretName]) =>
      secretId({ kind: "repo", owner, repository }, secretName),
    );
    const adopted = adoptImport(opts);
    super(
      dynamicProvider("RepoSecret"),
      name,
      {
        owner: args.owner,
        repository: args.repository,
        secretName: args.secretName,
        ...valueInputs(args, adopted.importId),
      },
      adopted.opts,
      TYPE_MODULE,
      "RepoSecret",
    );
  }
}
