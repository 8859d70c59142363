import type { ApiRequest } from "../api-request";
import { ApiError, found, notFound } from "../api-error";
import type { Environment, Org, Repo, UserAccount } from "../store";

/** The path's org, repository or environment, or GitHub's 404 when there is none. */
export function findOrg(request: ApiRequest): Org {
  return found(request.state.store.org(request.params.org));
}

export function findRepo(request: ApiRequest): Repo {
  return found(request.state.store.repo(request.params.owner, request.params.repo));
}

export function findEnvironment(request: ApiRequest): Environment {
  return found(request.state.store.environment(findRepo(request), request.params.environment_name));
}

/**
 * An environment under `/repositories/{repository_id}/...`: the older form of its path, which GitHub
 * no longer describes but still answers, and which go-github (and so Terraform's provider) uses for
 * environment secrets.
 */
export function findEnvironmentByRepositoryId(request: ApiRequest): Environment {
  const repo = found(request.state.store.repoById(repositoryIdParam(request)));
  return found(request.state.store.environment(repo, request.params.environment_name));
}

/**
 * The user the token acts for, under `/user/...`. An installation token acts for no user: 403, as
 * GitHub answers an integration on the authenticated user's endpoints.
 */
export function findUser(request: ApiRequest): UserAccount {
  if (request.user === undefined) throw new ApiError(403, "Resource not accessible by integration");
  return request.state.store.user(request.user);
}

/** `{repository_id}` is an integer in GitHub's description; anything else matches no route. */
export function repositoryIdParam(request: ApiRequest): number {
  const id = request.params.repository_id;
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(Number(id))) throw notFound();
  return Number(id);
}
