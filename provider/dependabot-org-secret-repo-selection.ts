import { orgSecretSelectionSpec } from "./org-secret-access";
import { repoSelectionResource } from "./repo-selection";

/**
 * DependabotOrgSecretRepoSelection: the repositories that can read an organization's Dependabot secret of visibility
 * `selected`, managed apart from the secret: /orgs/{org}/dependabot/secrets/{secret_name}/repositories….
 */
export const dependabotOrgSecretRepoSelection = repoSelectionResource(
  orgSecretSelectionSpec({
    app: "dependabot",
    item: "DependabotOrgSecret",
    selection: "DependabotOrgSecretRepoSelection",
  }),
);
