import { scopeIdentity } from "./scope-identity";
import type { EnvVariableInputs, VariableOutputs } from "./types";
import { variableResource } from "./variable-resource";

/**
 * EnvVariable: an Actions variable of one deployment environment of a repository. POST
 * /repos/{owner}/{repo}/environments/{environment_name}/variables, then PATCH, GET and DELETE below it by
 * `{name}`; the environment name percent-encoded once (by Octokit, from the route table).
 *
 * What the state keeps: `EnvVariableInputs` (RepoVariable's plus `environment`) and `VariableOutputs`.
 */
export const envVariable = variableResource<EnvVariableInputs, VariableOutputs>({
  kind: "EnvVariable",
  ...scopeIdentity<EnvVariableInputs>("environment", "variableName"),
});
