import type { SecretApp } from "./fixture-types";
import type { Route } from "./match-route";
import { route } from "./match-route";
import { createInstallationToken } from "./routes/app-installations";
import { findEnvironment, findEnvironmentByRepositoryId, findRepo } from "./routes/find-scope";
import { orgSecrets } from "./routes/org-secrets";
import { getEnvironment, getOrganization, getRepository, listRepoOrganizationSecrets } from "./routes/repositories";
import { scopedSecrets } from "./routes/scoped-secrets";
import { userSecrets } from "./routes/user-secrets";
import { listRepoOrganizationVariables, orgVariables, scopedVariables } from "./routes/variables";

/**
 * GitHub's endpoints for Actions, Dependabot and Codespaces secrets and for Actions variables, with the
 * reads of the scopes they live in; first match wins. The docs are GitHub's reference pages.
 */
export const apiRoutes: readonly Route[] = [
  ...orgSecretRoutes("actions", "actions/secrets"),
  route(
    "GET",
    "/repos/{owner}/{repo}/actions/organization-secrets",
    listRepoOrganizationSecrets,
    "actions/secrets#list-repository-organization-secrets",
  ),
  ...repoSecretRoutes("actions", "actions/secrets"),
  ...environmentSecretRoutes("/repos/{owner}/{repo}", scopedSecrets(findEnvironment)),
  // Their older form, which GitHub no longer describes but still answers, and which go-github (so
  // Terraform's provider) uses for environment secrets.
  ...environmentSecretRoutes("/repositories/{repository_id}", scopedSecrets(findEnvironmentByRepositoryId)),
  ...orgSecretRoutes("dependabot", "dependabot/secrets"),
  ...repoSecretRoutes("dependabot", "dependabot/secrets"),
  ...orgSecretRoutes("codespaces", "codespaces/organization-secrets"),
  ...repoSecretRoutes("codespaces", "codespaces/repository-secrets"),
  ...userSecretRoutes(),
  ...variableRoutes(),
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

/** An app's nine organization-secret operations; `page` is its reference page (the anchors are the same for every app). */
function orgSecretRoutes(app: SecretApp, page: string): Route[] {
  const secrets = orgSecrets(app);
  const scope = `/orgs/{org}/${app}/secrets`;
  return [
    route("GET", scope, secrets.list, `${page}#list-organization-secrets`),
    route("GET", `${scope}/public-key`, secrets.publicKey, `${page}#get-an-organization-public-key`),
    route("GET", `${scope}/{secret_name}`, secrets.get, `${page}#get-an-organization-secret`),
    route("PUT", `${scope}/{secret_name}`, secrets.put, `${page}#create-or-update-an-organization-secret`),
    route("DELETE", `${scope}/{secret_name}`, secrets.remove, `${page}#delete-an-organization-secret`),
    route(
      "GET",
      `${scope}/{secret_name}/repositories`,
      secrets.listRepos,
      `${page}#list-selected-repositories-for-an-organization-secret`,
    ),
    route(
      "PUT",
      `${scope}/{secret_name}/repositories`,
      secrets.setRepos,
      `${page}#set-selected-repositories-for-an-organization-secret`,
    ),
    route(
      "PUT",
      `${scope}/{secret_name}/repositories/{repository_id}`,
      secrets.addRepo,
      `${page}#add-selected-repository-to-an-organization-secret`,
    ),
    route(
      "DELETE",
      `${scope}/{secret_name}/repositories/{repository_id}`,
      secrets.removeRepo,
      `${page}#remove-selected-repository-from-an-organization-secret`,
    ),
  ];
}

/** An app's five repository-secret operations. */
function repoSecretRoutes(app: SecretApp, page: string): Route[] {
  const secrets = scopedSecrets(findRepo, app);
  const scope = `/repos/{owner}/{repo}/${app}/secrets`;
  return [
    route("GET", scope, secrets.list, `${page}#list-repository-secrets`),
    route("GET", `${scope}/public-key`, secrets.publicKey, `${page}#get-a-repository-public-key`),
    route("GET", `${scope}/{secret_name}`, secrets.get, `${page}#get-a-repository-secret`),
    route("PUT", `${scope}/{secret_name}`, secrets.put, `${page}#create-or-update-a-repository-secret`),
    route("DELETE", `${scope}/{secret_name}`, secrets.remove, `${page}#delete-a-repository-secret`),
  ];
}

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

/** The Codespaces secrets of the authenticated user. */
function userSecretRoutes(): Route[] {
  const secrets = userSecrets();
  const scope = "/user/codespaces/secrets";
  const page = "codespaces/secrets";
  return [
    route("GET", scope, secrets.list, `${page}#list-secrets-for-the-authenticated-user`),
    route("GET", `${scope}/public-key`, secrets.publicKey, `${page}#get-public-key-for-the-authenticated-user`),
    route("GET", `${scope}/{secret_name}`, secrets.get, `${page}#get-a-secret-for-the-authenticated-user`),
    route("PUT", `${scope}/{secret_name}`, secrets.put, `${page}#create-or-update-a-secret-for-the-authenticated-user`),
    route("DELETE", `${scope}/{secret_name}`, secrets.remove, `${page}#delete-a-secret-for-the-authenticated-user`),
    route(
      "GET",
      `${scope}/{secret_name}/repositories`,
      secrets.listRepos,
      `${page}#list-selected-repositories-for-a-user-secret`,
    ),
    route(
      "PUT",
      `${scope}/{secret_name}/repositories`,
      secrets.setRepos,
      `${page}#set-selected-repositories-for-a-user-secret`,
    ),
    route(
      "PUT",
      `${scope}/{secret_name}/repositories/{repository_id}`,
      secrets.addRepo,
      `${page}#add-a-selected-repository-to-a-user-secret`,
    ),
    route(
      "DELETE",
      `${scope}/{secret_name}/repositories/{repository_id}`,
      secrets.removeRepo,
      `${page}#remove-a-selected-repository-from-a-user-secret`,
    ),
  ];
}

/** Actions variables: the organization's, a repository's, an environment's, and those an org shares with a repository. */
function variableRoutes(): Route[] {
  const page = "actions/variables";
  const org = orgVariables();
  const orgScope = "/orgs/{org}/actions/variables";
  const repo = scopedVariables(findRepo);
  const repoScope = "/repos/{owner}/{repo}/actions/variables";
  const env = scopedVariables(findEnvironment);
  const envScope = "/repos/{owner}/{repo}/environments/{environment_name}/variables";
  return [
    route("GET", orgScope, org.list, `${page}#list-organization-variables`),
    route("POST", orgScope, org.create, `${page}#create-an-organization-variable`),
    route("GET", `${orgScope}/{name}`, org.get, `${page}#get-an-organization-variable`),
    route("PATCH", `${orgScope}/{name}`, org.update, `${page}#update-an-organization-variable`),
    route("DELETE", `${orgScope}/{name}`, org.remove, `${page}#delete-an-organization-variable`),
    route(
      "GET",
      `${orgScope}/{name}/repositories`,
      org.listRepos,
      `${page}#list-selected-repositories-for-an-organization-variable`,
    ),
    route(
      "PUT",
      `${orgScope}/{name}/repositories`,
      org.setRepos,
      `${page}#set-selected-repositories-for-an-organization-variable`,
    ),
    route(
      "PUT",
      `${orgScope}/{name}/repositories/{repository_id}`,
      org.addRepo,
      `${page}#add-selected-repository-to-an-organization-variable`,
    ),
    route(
      "DELETE",
      `${orgScope}/{name}/repositories/{repository_id}`,
      org.removeRepo,
      `${page}#remove-selected-repository-from-an-organization-variable`,
    ),
    route(
      "GET",
      "/repos/{owner}/{repo}/actions/organization-variables",
      listRepoOrganizationVariables,
      `${page}#list-repository-organization-variables`,
    ),
    route("GET", repoScope, repo.list, `${page}#list-repository-variables`),
    route("POST", repoScope, repo.create, `${page}#create-a-repository-variable`),
    route("GET", `${repoScope}/{name}`, repo.get, `${page}#get-a-repository-variable`),
    route("PATCH", `${repoScope}/{name}`, repo.update, `${page}#update-a-repository-variable`),
    route("DELETE", `${repoScope}/{name}`, repo.remove, `${page}#delete-a-repository-variable`),
    route("GET", envScope, env.list, `${page}#list-environment-variables`),
    route("POST", envScope, env.create, `${page}#create-an-environment-variable`),
    route("GET", `${envScope}/{name}`, env.get, `${page}#get-an-environment-variable`),
    route("PATCH", `${envScope}/{name}`, env.update, `${page}#update-an-environment-variable`),
    route("DELETE", `${envScope}/{name}`, env.remove, `${page}#delete-an-environment-variable`),
  ];
}
