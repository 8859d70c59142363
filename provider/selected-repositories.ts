import { apiError, statusOf } from "./errors";
import { listAll } from "./list-all";
import type { SelectedRepository } from "../core/lookup-results";
import type { ProviderContext } from "./context";
import { selectedRepositoriesRoute, type Route } from "./routes";

// The selected-repository endpoints below an organization secret's or variable's path (`item`, see routes.ts) exist
// only for visibility `selected`; GitHub answers 409 otherwise, which callers check for first. A user's Codespaces
// secret always has them.

export async function listSelectedRepositories(context: ProviderContext, item: Route): Promise<SelectedRepository[]> {
  return listAll(context.client, selectedRepositoriesRoute("list", item), "selected repositories", (repository) => ({
    id: repository.positiveInteger("id"),
    fullName: repository.text("full_name"),
  }));
}

export async function selectedRepositoryIds(context: ProviderContext, item: Route, label: string): Promise<number[]> {
  try {
    return (await listSelectedRepositories(context, item)).map((r) => r.id).sort((a, b) => a - b);
  } catch (error) {
    throw apiError(error, label, "listing the selected repositories", "the secret");
  }
}

export async function setSelectedRepositories(
  context: ProviderContext,
  item: Route,
  ids: number[],
  label: string,
): Promise<void> {
  const { route, params } = selectedRepositoriesRoute("set", item);
  await context.client.request(route, { ...params, selected_repository_ids: ids }).catch((error) => {
    throw apiError(error, label, "setting the selected repositories", "the secret or one of the repositories");
  });
}

/** The repositories to add and to remove to go from one list of ids to another. */
export function selectionChange(from: number[], to: number[]): { add: number[]; remove: number[] } {
  return { add: to.filter((id) => !from.includes(id)), remove: from.filter((id) => !to.includes(id)) };
}

/** Adds and removes single repositories, so that selections made by others stay as they are. */
export async function changeSelectedRepositories(
  context: ProviderContext,
  item: Route,
  change: { add: number[]; remove: number[] },
  label: string,
): Promise<void> {
  const request = (which: "add" | "remove", repository_id: number) => {
    const { route, params } = selectedRepositoriesRoute(which, item);
    return context.client.request(route, { ...params, repository_id });
  };
  await Promise.all([
    ...change.add.map((id) =>
      request("add", id).catch((error) => {
        throw apiError(error, label, `adding the repository ${id}`, "the secret or the repository");
      }),
    ),
    ...change.remove.map((id) =>
      request("remove", id).catch((error) => {
        if (statusOf(error) === 404) return;
        throw apiError(error, label, `removing the repository ${id}`, "the secret");
      }),
    ),
  ]);
}
