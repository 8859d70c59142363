import { orgSecretSpec } from "./org-secret";
import { secretResource } from "./secret-resource";

/**
 * CodespacesOrgSecret: an organization's Codespaces secret, as OrgSecret is an Actions one. PUT and DELETE
 * /orgs/{org}/codespaces/secrets/{secret_name}, with visibility and selected repositories; the value sealed for the
 * organization's Codespaces key.
 */
export const codespacesOrgSecret = secretResource(
  orgSecretSpec("codespaces", { item: "CodespacesOrgSecret", selection: "CodespacesOrgSecretRepoSelection" }),
);
