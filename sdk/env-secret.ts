import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider, TYPE_MODULE } from "./dynamic-provider";
import { ValueSecret } from "./value-secret";
import { secretId } from "../core/scope";
import { adoptImport, claimSecret, valueInputs, type SecretValueArgs } from "./secret-inputs";

/** The arguments of an {@link EnvSecret}: the repository, its environment, the secret's name and its value. */
export interface EnvSecretArgs extends SecretValueArgs {
  /** The user or organization that owns the repository. */
  owner: pulumi.Input<string>;
  /** The repository's name, without the owner. */
  repository: pulumi.Input<string>;
  /** The deployment environment's name as it reads (`prod/eu west`), not percent-encoded. */
  environment: pulumi.Input<string>;
  /** The secret's name, as for `RepoSecret`. */
  secretName: pulumi.Input<string>;
}

/**
 * A GitHub Actions secret of one deployment environment, sealed for the environment's own key.
 *
 * A value change is an in-place update; a change of owner, repository, environment or name
 * replaces the secret, deleting the old one first. ID and import ID:
 * `OWNER/REPO/ENVIRONMENT/SECRET`, the environment percent-encoded (`prod%2Feu%20west`).
 */
export class EnvSecret extends ValueSecret {
  /** The user or organization that owns the repository. */
  declare public readonly owner: pulumi.Output<string>;
  /** The repository's name, without the owner. */
  declare public readonly repository: pulumi.Output<string>;
  /** The deployment environment's name as it reads, not percent-encoded. */
  declare public readonly environment: pulumi.Output<string>;

  constructor(name: string, args: EnvSecretArgs, opts?: pulumi.CustomResourceOptions) {
    claimSecret(
      "EnvSecret",
      name,
      [args.owner, args.repository, args.environment, args.secretName],
      ([owner, repository, environment, secretName]) =>
        secretId({ kind: "environment", owner, repository, environment }, secretName),
    );
    const adopted = adoptImport(opts);
    super(
      dynamicProvider("EnvSecret"),
      name,
      {
        owner: args.owner,
        repository: args.repository,
        environment: args.environment,
        secretName: args.secretName,
        ...valueInputs(args, adopted.importId),
      },
      adopted.opts,
      TYPE_MODULE,
      "EnvSecret",
    );
  }
}
