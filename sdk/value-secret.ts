import * as pulumi from "@pulumi/pulumi";

/** The outputs every secret with a value has, whatever its scope. */
export abstract class ValueSecret extends pulumi.dynamic.Resource {
  /** The secret's name as given (GitHub stores it upper-cased). */
  declare public readonly secretName: pulumi.Output<string>;
  /** HMAC-SHA-256 of the value keyed with a per-resource salt: changes exactly when the value does. */
  declare public readonly valueFingerprint: pulumi.Output<string>;
  /** When GitHub created the secret (ISO 8601); unknown for an adopted secret until a refresh. */
  declare public readonly createdAt: pulumi.Output<string | undefined>;
  /** GitHub's `updated_at` as last seen (by a write or a refresh). */
  declare public readonly updatedAt: pulumi.Output<string>;
  /** When Pulumi last wrote the secret, by GitHub's clock. */
  declare public readonly writtenAt: pulumi.Output<string>;
  /** Set by a refresh that found the secret changed outside Pulumi: what changed, and when. */
  declare public readonly drift: pulumi.Output<string | undefined>;
}
