import { orgSecretSelectionSpec } from "./org-secret-access";
import { repoSelectionResource } from "./repo-selection";

/**
 * CodespacesOrgSecretRepoSelection: the repositories that can read an organization's Codespaces secret of visibility
 * `selected`, managed apart from the secret: /orgs/{org}/codespaces/secrets/{secret_name}/repositories….
 */
export const codespacesOrgSecretRepoSelection = repoSelectionResource(
  orgSecretSelectionSpec({
    app: "codespaces",
    item: "CodespacesOrgSecret",
    selection: "CodespacesOrgSecretRepoSelection",
  }),
);
