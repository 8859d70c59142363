import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider, TYPE_MODULE } from "./dynamic-provider";
import { ValueSecret } from "./value-secret";
import { secretId, type SecretApp } from "../core/scope";
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
 * A repository's secret of one application (Actions, Dependabot or Codespaces): what
 * {@link RepoSecret}, {@link DependabotRepoSecret} and {@link CodespacesRepoSecret} share.
 */
export abstract class RepoSecretOf extends ValueSecret {
  /** The user or organization that owns the repository. */
  declare public readonly owner: pulumi.Output<string>;
  /** The repository's name, without the owner. */
  declare public readonly repository: pulumi.Output<string>;

  protected constructor(
    kind: string,
    app: SecretApp,
    name: string,
    args: RepoSecretArgs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    claimSecret(kind, name, [args.owner, args.repository, args.secretName], ([owner, repository, secretName]) =>
      secretId({ kind: "repo", owner, repository, app }, secretName),
    );
    const adopted = adoptImport(opts);
    super(
      dynamicProvider(kind),
      name,
      {
        owner: args.owner,
        repository: args.repository,
        secretName: args.secretName,
        ...valueInputs(args, adopted.importId),
      },
      adopted.opts,
      TYPE_MODULE,
      kind,
    );
  }
}

/**
 * A GitHub Actions secret of one repository.
 *
 * A value change is an in-place update; a change of owner, repository or name (other than of
 * case) replaces the secret, deleting the old one first. ID and import ID: `OWNER/REPO/SECRET`.
 */
export class RepoSecret extends RepoSecretOf {
  constructor(name: string, args: RepoSecretArgs, opts?: pulumi.CustomResourceOptions) {
    super("RepoSecret", "actions", name, args, opts);
  }
}
