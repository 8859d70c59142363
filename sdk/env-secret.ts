import * as pulumi from "@pulumi/pulumi";
import { dynamicProvider, TYPE_MODULE } from "./dynamic-provider";
import { adoptImport, valueInputs, type SecretValueArgs } from "./secret-inputs";

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
export class EnvSecret extends pulumi.dynamic.Resource {
  declare public readonly owner: pulumi.Output<string>;
  declare public readonly repository: pulumi.Output<string>;
  declare public readonly environment: pulumi.Output<string>;
  declare public readonly secretName: pulumi.Output<string>;
  /** HMAC-SHA-256 of the value keyed with a per-resource salt. */
  declare public readonly valueFingerprint: pulumi.Output<string>;
  declare public readonly createdAt: pulumi.Output<string>;
  declare public readonly updatedAt: pulumi.Output<string>;
  declare public readonly writtenAt: pulumi.Output<string>;
  declare public readonly drift: pulumi.Output<string | undefined>;

  constructor(name: string, args: EnvSecretArgs, opts?: pulumi.CustomResourceOptions) {
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
