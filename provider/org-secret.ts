import type { SecretApp } from "../core/scope";
import { orgSecretAccess } from "./org-secret-access";
import { scopeIdentity } from "./scope-identity";
import { secretResource, type SecretResourceSpec } from "./secret-resource";
import type { OrgSecretInputs, OrgSecretOutputs } from "./types";

/** The spec of an organization's secret of one application, with its access (see `orgSecretAccess`). */
export function orgSecretSpec(
  app: SecretApp,
  kinds: { item: string; selection: string },
): SecretResourceSpec<OrgSecretInputs, OrgSecretOutputs> {
  return {
    kind: kinds.item,
    ...scopeIdentity<OrgSecretInputs>("org", "secretName", app),
    access: orgSecretAccess({ app, ...kinds }),
  };
}

/**
 * OrgSecret: an organization's Actions secret, with who may read it. PUT and DELETE
 * /orgs/{org}/actions/secrets/{secret_name}; the PUT carries the sealed value, `visibility` and,
 * for `selected`, `selected_repository_ids`.
 *
 * What the state keeps: `OrgSecretInputs` (RepoSecret's with org instead of owner and repository, plus
 * visibility and selectedRepositories) and `OrgSecretOutputs` (plus selectedRepositoryIds and repositoryIdsByName).
 */
export const orgSecret = secretResource(
  orgSecretSpec("actions", { item: "OrgSecret", selection: "OrgSecretRepoSelection" }),
);
