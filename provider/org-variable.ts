import { orgVariableAccess } from "./org-variable-access";
import { scopeIdentity } from "./scope-identity";
import type { OrgVariableInputs, OrgVariableOutputs } from "./types";
import { variableResource } from "./variable-resource";

/**
 * OrgVariable: an organization's Actions variable, with who may read it. POST /orgs/{org}/actions/variables,
 * then PATCH, GET and DELETE /orgs/{org}/actions/variables/{name}; the POST and PATCH carry `visibility` and, for
 * `selected`, `selected_repository_ids` (see `orgVariableAccess`).
 *
 * What the state keeps: `OrgVariableInputs` (the value included) and `OrgVariableOutputs`.
 */
export const orgVariable = variableResource<OrgVariableInputs, OrgVariableOutputs>({
  kind: "OrgVariable",
  ...scopeIdentity<OrgVariableInputs>("org", "variableName"),
  access: orgVariableAccess,
});
