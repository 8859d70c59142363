import { orgVariableSelectionSpec } from "./org-variable-access";
import { repoSelectionResource } from "./repo-selection";

/**
 * OrgVariableRepoSelection: the repositories that can read an organization's Actions variable of visibility
 * `selected`, managed apart from the variable. GET, PUT and DELETE /orgs/{org}/actions/variables/{name}/repositories…
 * (see `repoSelectionResource`). The state keeps `RepoSelectionInputs<"variableName">` and `RepoSelectionOutputs`.
 */
export const orgVariableRepoSelection = repoSelectionResource(orgVariableSelectionSpec);
