// What lookups return: plain data, shared by both sides. Kept apart from the provider's context, which names
// Octokit's client: the SDK's published declarations import these, and must not pull Octokit's types (which need
// lib es2022) into the compilation of a program that uses the package.

/** A scope's public key, for sealing values yourself (see `seal`). */
export interface PublicKey {
  /** GitHub's `key_id`: give it as `keyId` with a value sealed for this key. */
  keyId: string;
  /** The Curve25519 public key, standard base64. */
  key: string;
}

/** Organization secrets' visibilities: every repository, the private ones, or those selected. */
export const VISIBILITIES = ["all", "private", "selected"] as const;

/** Who may read an organization secret. */
export type Visibility = (typeof VISIBILITIES)[number];

/** A secret as GitHub lists it: never its value. */
export interface SecretSummary {
  /** The name as GitHub stores it, upper-cased. */
  name: string;
  /** When the secret was created (ISO 8601). */
  createdAt: string;
  /** When its value or settings last changed (ISO 8601). */
  updatedAt: string;
  /** Organization secrets only (not in a repository's list of the organization secrets it can see). */
  visibility?: Visibility;
}

/** A repository selected for an organization secret. */
export interface SelectedRepository {
  /** The repository's numeric id. */
  id: number;
  /** `owner/name`. */
  fullName: string;
}

/** An Actions variable as GitHub lists it, value included (variables are plaintext on GitHub). */
export interface VariableSummary {
  /** The name as GitHub stores it, upper-cased. */
  name: string;
  /** The value. */
  value: string;
  /** When the variable was created (ISO 8601). */
  createdAt: string;
  /** When its value or settings last changed (ISO 8601). */
  updatedAt: string;
  /** Organization variables only (not in a repository's list of the organization variables it can read). */
  visibility?: Visibility;
}
