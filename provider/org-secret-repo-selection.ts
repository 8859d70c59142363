import { orgSecretSelectionSpec } from "./org-secret-access";
import { repoSelectionResource } from "./repo-selection";

/**
 * OrgSecretRepoSelection: the repositories that can read an organization's Actions secret of visibility
 * `selected`, managed apart from the secret: GET, PUT and DELETE
 * /orgs/{org}/actions/secrets/{secret_name}/repositories… (see `repoSelectionResource`).
 * The state keeps `RepoSelectionInputs` and `RepoSelectionOutputs`.
 */
export const orgSecretRepoSelection = repoSelectionResource(
  orgSecretSelectionSpec({ app: "actions", item: "OrgSecret", selection: "OrgSecretRepoSelection" }),
);
