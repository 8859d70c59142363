import type { Route } from "./match-route";
import { route } from "./match-route";
import { createInstallationToken } from "./routes/app-installations";
import { findEnvironment, findEnvironmentByRepositoryId, findRepo } from "./routes/find-scope";
import { deleteOrgSecret, getOrgPublicKey, getOrgSecret, listOrgSecrets, putOrgSecret } from "./routes/org-secrets";
import { getEnvironment, getOrganization, getRepository, listRepoOrganizationSecrets } from "./routes/repositories";
import { scopedSecrets } from "./routes/scoped-secrets";
import {
  addSelectedRepo,
  listSelectedRepos,
  removeSelectedRepo,
  setSelectedRepos,
} from "./routes/selected-repositories";

const repoSecrets = scopedSecrets(findRepo);

/** GitHub's Actions-secrets endpoints, in the order of its reference; first match wins. */
export const apiRoutes: readonly Route[] = [
  route("GET", "/orgs/{org}/actions/secrets", listOrgSecrets, "actions/secrets#list-organization-secrets"),
  route(
    "GET",
    "/orgs/{org}/actions/secrets/public-key",
    getOrgPublicKey,
    "actions/secrets#get-an-organization-public-key",
  ),
  route("GET", "/orgs/{org}/actions/secrets/{secret_name}", getOrgSecret, "actions/secrets#get-an-organization-secret"),
  route(
    "PUT",
    "/orgs/{org}/actions/secrets/{secret_name}",
    putOrgSecret,
    "actions/secrets#create-or-update-an-organization-secret",
  ),
  route(
    "DELETE",
    "/orgs/{org}/actions/secrets/{secret_name}",
    deleteOrgSecret,
    "actions/secrets#delete-an-organization-secret",
  ),
  route(
    "GET",
    "/orgs/{org}/actions/secrets/{secret_name}/repositories",
    listSelectedRepos,
    "actions/secrets#list-selected-repositories-for-an-organization-secret",
  ),
  route(
    "PUT",
    "/orgs/{org}/actions/secrets/{secret_name}/repositories",
    setSelectedRepos,
    "actions/secrets#set-selected-repositories-for-an-organization-secret",
  ),
  route(
    "PUT",
    "/orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}",
    addSelectedRepo,
    "actions/secrets#add-selected-repository-to-an-organization-secret",
  ),
  route(
    "DELETE",
    "/orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}",
    removeSelectedRepo,
    "actions/secrets#remove-selected-repository-from-an-organization-secret",
  ),
  route(
    "GET",
    "/repos/{owner}/{repo}/actions/organization-secrets",
    listRepoOrganizationSecrets,
    "actions/secrets#list-repository-organization-secrets",
  ),
  route("GET", "/repos/{owner}/{repo}/actions/secrets", repoSecrets.list, "actions/secrets#list-repository-secrets"),
  route(
    "GET",
    "/repos/{owner}/{repo}/actions/secrets/public-key",
    repoSecrets.publicKey,
    "actions/secrets#get-a-repository-public-key",
  ),
  route(
    "GET",
    "/repos/{owner}/{repo}/actions/secrets/{secret_name}",
    repoSecrets.get,
    "actions/secrets#get-a-repository-secret",
  ),
  route(
    "PUT",
    "/repos/{owner}/{repo}/actions/secrets/{secret_name}",
    repoSecrets.put,
    "actions/secrets#create-or-update-a-repository-secret",
  ),
  route(
    "DELETE",
    "/repos/{owner}/{repo}/actions/secrets/{secret_name}",
    repoSecrets.remove,
    "actions/secrets#delete-a-repository-secret",
  ),
  ...environmentSecretRoutes("/repos/{owner}/{repo}", scopedSecrets(findEnvironment)),
  // Their older form, which GitHub no longer describes but still answers, and which go-github (so
  // Terraform's provider) uses for environment secrets.
  ...environmentSecretRoutes("/repositories/{repository_id}", scopedSecrets(findEnvironmentByRepositoryId)),
  route("GET", "/orgs/{org}", getOrganization, "orgs/orgs#get-an-organization"),
  route("GET", "/repos/{owner}/{repo}", getRepository, "repos/repos#get-a-repository"),
  route(
    "GET",
    "/repos/{owner}/{repo}/environments/{environment_name}",
    getEnvironment,
    "deployments/environments#get-an-environment",
  ),
  route(
    "POST",
    "/app/installations/{installation_id}/access_tokens",
    createInstallationToken,
    "apps/apps#create-an-installation-access-token-for-an-app",
    "app",
  ),
];

function environmentSecretRoutes(repository: string, secrets: ReturnType<typeof scopedSecrets>): Route[] {
  const scope = `${repository}/environments/{environment_name}/secrets`;
  return [
    route("GET", scope, secrets.list, "actions/secrets#list-environment-secrets"),
    route("GET", `${scope}/public-key`, secrets.publicKey, "actions/secrets#get-an-environment-public-key"),
    route("GET", `${scope}/{secret_name}`, secrets.get, "actions/secrets#get-an-environment-secret"),
    route("PUT", `${scope}/{secret_name}`, secrets.put, "actions/secrets#create-or-update-an-environment-secret"),
    route("DELETE", `${scope}/{secret_name}`, secrets.remove, "actions/secrets#delete-an-environment-secret"),
  ];
}
