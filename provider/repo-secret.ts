import { checkOwner, checkRepository, checkSecretName } from "../core/validate";
import { secretResource } from "./secret-resource";
import type { RepoSecretInputs, ValueSecretOutputs } from "./types";

/**
 * RepoSecret: an Actions secret of one repository. PUT and DELETE
 * /repos/{owner}/{repo}/actions/secrets/{secret_name}; the value sealed for the repository's key.
 *
 * What the state keeps: `RepoSecretInputs` (never the value: its salted fingerprint) and
 * `ValueSecretOutputs` (GitHub's createdAt and updatedAt, writtenAt, drift after a refresh found one).
 */
export const repoSecret = secretResource<RepoSecretInputs, ValueSecretOutputs>({
  kind: "RepoSecret",
  identity: ["owner", "repository", "secretName"],
  scopeOf: (props) => ({ kind: "repo", owner: String(props.owner), repository: String(props.repository) }),
  checkIdentity: (news) => [
    checkOwner("owner", news.owner),
    checkRepository("repository", news.repository),
    checkSecretName("secretName", news.secretName),
  ],
});
