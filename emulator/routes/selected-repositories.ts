import type { ApiRequest, ApiResponse } from "../api-request";
import { minimalRepository } from "../bodies/minimal-repository";
import { paginate } from "../paginate";
import { findOrgSecret, repositoryIdParam } from "./find-scope";
import { integerArrayField, requireFields } from "./request-body";
import { noContent } from "./secret-responses";

/** Empty, not 409, for a secret whose visibility is not `selected`: its selection is always empty. */
export function listSelectedRepos(request: ApiRequest): ApiResponse {
  const { org, secret } = findOrgSecret(request);
  const repos = request.state.store
    .orgRepos(org)
    .filter((repo) => secret.selectedRepositoryIds.has(repo.id))
    .sort((a, b) => a.id - b.id);
  const page = paginate(repos, request);
  return {
    status: 200,
    body: { total_count: repos.length, repositories: page.items.map((repo) => minimalRepository(request, repo)) },
    headers: page.headers,
  };
}

export function setSelectedRepos(request: ApiRequest): ApiResponse {
  const { org, secret } = findOrgSecret(request);
  const body = request.json();
  requireFields(body, ["selected_repository_ids"]);
  request.state.store.setSelection(org, secret, integerArrayField(body, "selected_repository_ids")!);
  return noContent();
}

export function addSelectedRepo(request: ApiRequest): ApiResponse {
  const { org, secret } = findOrgSecret(request);
  request.state.store.addToSelection(org, secret, repositoryIdParam(request));
  return noContent();
}

export function removeSelectedRepo(request: ApiRequest): ApiResponse {
  const { org, secret } = findOrgSecret(request);
  request.state.store.removeFromSelection(org, secret, repositoryIdParam(request));
  return noContent();
}
