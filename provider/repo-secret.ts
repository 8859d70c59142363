import { secretResource } from "./secret-resource";
import { checkOwner, checkRepository, checkSecretName } from "./validate";

/**
 * RepoSecret: an Actions secret of one repository. PUT and DELETE
 * /repos/{owner}/{repo}/actions/secrets/{secret_name}; the value sealed for the repository's key.
 *
 * Checked inputs (what the state keeps): owner, repository, secretName, valueFingerprint,
 * valueSalt (a Pulumi secret), keyId for a value the user sealed, onDrift, importId.
 * Outputs add GitHub's createdAt and updatedAt, writtenAt, and drift after a refresh found one.
 */
export const repoSecret = secretResource({
  kind: "RepoSecret",
  identity: ["owner", "repository", "secretName"],
  scopeOf: (props) => ({ kind: "repo", owner: props.owner, repository: props.repository }),
  checkIdentity: (news) => [
    checkOwner("owner", news.owner),
    checkRepository("repository", news.repository),
    checkSecretName("secretName", news.secretName),
  ],
});
