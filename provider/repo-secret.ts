import type { SecretApp } from "../core/scope";
import { scopeIdentity } from "./scope-identity";
import { secretResource, type SecretResourceSpec } from "./secret-resource";
import type { RepoSecretInputs, ValueSecretOutputs } from "./types";

/** The spec of a repository's secret of one application: Actions', Dependabot's or Codespaces'. */
export function repoSecretSpec(app: SecretApp, kind: string): SecretResourceSpec<RepoSecretInputs, ValueSecretOutputs> {
  return { kind, ...scopeIdentity<RepoSecretInputs>("repo", "secretName", app) };
}

/**
 * RepoSecret: an Actions secret of one repository. PUT and DELETE
 * /repos/{owner}/{repo}/actions/secrets/{secret_name}; the value sealed for the repository's key.
 *
 * What the state keeps: `RepoSecretInputs` (never the value: its salted fingerprint) and
 * `ValueSecretOutputs` (GitHub's createdAt and updatedAt, writtenAt, drift after a refresh found one).
 */
export const repoSecret = secretResource(repoSecretSpec("actions", "RepoSecret"));
