import { repoSecretSpec } from "./repo-secret";
import { secretResource } from "./secret-resource";

/**
 * CodespacesRepoSecret: a Codespaces secret of one repository, as RepoSecret is an Actions one. PUT and DELETE
 * /repos/{owner}/{repo}/codespaces/secrets/{secret_name}; the value sealed for the repository's Codespaces key.
 */
export const codespacesRepoSecret = secretResource(repoSecretSpec("codespaces", "CodespacesRepoSecret"));
