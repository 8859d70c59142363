import { scopeIdentity } from "./scope-identity";
import { secretResource } from "./secret-resource";
import type { EnvSecretInputs, ValueSecretOutputs } from "./types";

/**
 * EnvSecret: an Actions secret of one deployment environment of a repository. PUT and DELETE
 * /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}, the environment
 * name percent-encoded once (by Octokit, from the route table); the value sealed for the environment's own key.
 *
 * What the state keeps: `EnvSecretInputs` (RepoSecret's plus `environment`) and `ValueSecretOutputs`.
 */
export const envSecret = secretResource<EnvSecretInputs, ValueSecretOutputs>({
  kind: "EnvSecret",
  ...scopeIdentity<EnvSecretInputs>("environment", "secretName"),
});
