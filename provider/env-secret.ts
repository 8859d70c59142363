import { secretResource } from "./secret-resource";
import { checkEnvironment, checkOwner, checkRepository, checkSecretName } from "./validate";

/**
 * EnvSecret: an Actions secret of one deployment environment of a repository. PUT and DELETE
 * /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}, the environment
 * name percent-encoded once (by scope.ts); the value sealed for the environment's own key.
 *
 * Checked inputs and outputs are RepoSecret's plus `environment`.
 */
export const envSecret = secretResource({
  kind: "EnvSecret",
  identity: ["owner", "repository", "environment", "secretName"],
  scopeOf: (props) => ({ kind: "environment", owner: props.owner, repository: props.repository, environment: props.environment }),
  checkIdentity: (news) => [
    checkOwner("owner", news.owner),
    checkRepository("repository", news.repository),
    checkEnvironment("environment", news.environment),
    checkSecretName("secretName", news.secretName),
  ],
});
