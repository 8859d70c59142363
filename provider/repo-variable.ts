import { scopeIdentity } from "./scope-identity";
import type { RepoVariableInputs, VariableOutputs } from "./types";
import { variableResource } from "./variable-resource";

/**
 * RepoVariable: an Actions variable of one repository. POST /repos/{owner}/{repo}/actions/variables, then PATCH,
 * GET and DELETE /repos/{owner}/{repo}/actions/variables/{name}. Names follow the secrets' rules.
 *
 * What the state keeps: `RepoVariableInputs` (the value included) and `VariableOutputs`.
 */
export const repoVariable = variableResource<RepoVariableInputs, VariableOutputs>({
  kind: "RepoVariable",
  ...scopeIdentity<RepoVariableInputs>("repo", "variableName"),
});
