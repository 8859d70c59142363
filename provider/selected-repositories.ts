import { apiError, statusOf } from "./errors";
import { listAll } from "./list-all";
import type { SelectedRepository } from "../core/lookup-results";
import type { ProviderContext } from "./context";
import { ROUTES } from "./routes";

// The selected-repository endpoints of an organization secret exist only for visibility `selected`; GitHub
// answers 409 otherwise, which callers check for first.
const { list: LIST, set: SET, add: ADD, remove: REMOVE } = ROUTES.selectedRepositories;

export async function listSelectedRepositories(
  context: ProviderContext,
  org: string,
  secretName: string,
): Promise<SelectedRepository[]> {
  return listAll(
    context.client,
    { route: LIST, params: { org, secret_name: secretName } },
    "selected repositories",
    (repository) => ({
      id: repository.positiveInteger("id"),
      fullName: repository.text("full_name"),
    }),
  );
}

export async function selectedRepositoryIds(
  context: ProviderContext,
  org: string,
  secretName: string,
  label: string,
): Promise<number[]> {
  try {
    return (await listSelectedRepositories(context, org, secretName)).map((r) => r.id).sort((a, b) => a - b);
  } catch (error) {
    throw apiError(error, label, "listing the selected repositories", "the organization secret");
  }
}

export async function setSelectedRepositories(
  context: ProviderContext,
  org: string,
  secretName: string,
  ids: number[],
  label: string,
): Promise<void> {
  await context.client.request(SET, { org, secret_name: secretName, selected_repository_ids: ids }).catch((error) => {
    throw apiError(
      error,
      label,
      "setting the selected repositories",
      "the organization secret or one of the repositories",
    );
  });
}

/** Adds and removes single repositories, so that selections made by others stay as they are. */
export async function changeSelectedRepositories(
  context: ProviderContext,
  org: string,
  secretName: string,
  change: { add: number[]; remove: number[] },
  label: string,
): Promise<void> {
  const params = (repository_id: number) => ({ org, secret_name: secretName, repository_id });
  await Promise.all([
    ...change.add.map((id) =>
      context.client.request(ADD, params(id)).catch((error) => {
        throw apiError(error, label, `adding the repository ${id}`, "the organization secret or the repository");
      }),
    ),
    ...change.remove.map((id) =>
      context.client.request(REMOVE, params(id)).catch((error) => {
        if (statusOf(error) === 404) return;
        throw apiError(error, label, `removing the repository ${id}`, "the organization secret");
      }),
    ),
  ]);
}
