import type { ApiRequest, ApiResponse, Handler } from "../api-request";
import { minimalRepository } from "../bodies/minimal-repository";
import { paginate } from "../paginate";
import { type Org, type Repo, type Selection, requireSelected } from "../store";
import { repositoryIdParam } from "./find-scope";
import { integerArrayField, requireFields } from "./request-body";
import { noContent } from "./secret-responses";

/** `{ total_count, repositories }`, one page of minimal repositories (already sorted by id). */
export function repositoryList(request: ApiRequest, repos: readonly Repo[]): ApiResponse {
  const page = paginate(repos, request);
  return {
    status: 200,
    body: { total_count: repos.length, repositories: page.items.map((repo) => minimalRepository(request, repo)) },
    headers: page.headers,
  };
}

/**
 * The selected-repository operations of an org secret or variable (`find` gives it and its org):
 * list, set, add and remove. Set, add and remove are 409 unless the visibility is `selected`; so is a
 * variable's list, while a secret's list is empty then, as GitHub answers each.
 */
export function selectedRepositories(
  find: (request: ApiRequest) => { org: Org; item: Selection },
  noun: "secret" | "variable",
): Record<"listRepos" | "setRepos" | "addRepo" | "removeRepo", Handler> {
  return {
    listRepos: (request) => {
      const { org, item } = find(request);
      if (noun === "variable") requireSelected(item, noun, "list");
      const repos = request.state.store
        .orgRepos(org)
        .filter((repo) => item.selectedRepositoryIds.has(repo.id))
        .sort((a, b) => a.id - b.id);
      return repositoryList(request, repos);
    },
    setRepos: (request) => {
      const { org, item } = find(request);
      const body = request.json();
      requireFields(body, ["selected_repository_ids"]);
      request.state.store.setSelection(org, item, integerArrayField(body, "selected_repository_ids")!, noun);
      return noContent();
    },
    addRepo: (request) => {
      const { org, item } = find(request);
      request.state.store.addToSelection(org, item, repositoryIdParam(request), noun);
      return noContent();
    },
    removeRepo: (request) => {
      const { org, item } = find(request);
      request.state.store.removeFromSelection(org, item, repositoryIdParam(request), noun);
      return noContent();
    },
  };
}
