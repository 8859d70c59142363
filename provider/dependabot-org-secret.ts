import { orgSecretSpec } from "./org-secret";
import { secretResource } from "./secret-resource";

/**
 * DependabotOrgSecret: an organization's Dependabot secret, as OrgSecret is an Actions one. PUT and DELETE
 * /orgs/{org}/dependabot/secrets/{secret_name}, with visibility and selected repositories; the value sealed for the
 * organization's Dependabot key.
 */
export const dependabotOrgSecret = secretResource(
  orgSecretSpec("dependabot", { item: "DependabotOrgSecret", selection: "DependabotOrgSecretRepoSelection" }),
);
