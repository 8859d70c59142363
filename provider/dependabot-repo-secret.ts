import { repoSecretSpec } from "./repo-secret";
import { secretResource } from "./secret-resource";

/**
 * DependabotRepoSecret: a Dependabot secret of one repository, as RepoSecret is an Actions one. PUT and DELETE
 * /repos/{owner}/{repo}/dependabot/secrets/{secret_name}; the value sealed for the repository's Dependabot key.
 */
export const dependabotRepoSecret = secretResource(repoSecretSpec("dependabot", "DependabotRepoSecret"));
