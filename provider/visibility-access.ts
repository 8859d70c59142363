import { VISIBILITIES, type Visibility } from "../core/lookup-results";
import { shown, type InputProblem } from "../core/input-problems";
import type { RepositoryRef } from "../core/repository-ref";
import { isUnknown } from "../core/validate";
import type { ProviderContext } from "./context";
import { checkRepositoryRefs, knownIds, sameIds } from "./repository-ids";
import type { Route } from "./routes";
import { selectedRepositoryIds } from "./selected-repositories";
import type { RawInputs } from "./types";

// Who may read an organization's secret or variable: its visibility and, for `selected`, its repositories. The
// checks, the body GitHub takes them in, and what a refresh compares, the same for secrets of every application
// and for variables.

/** The access inputs of an organization item as check() returns them. */
export interface VisibilityAccess {
  visibility: Visibility;
  /** Ids and lower-cased `owner/name`s; only with visibility `selected`. */
  selectedRepositories?: RepositoryRef[];
}

/** What writing the access adds to the state. */
export interface VisibilityOutputs {
  /** The ids written, sorted. */
  selectedRepositoryIds?: number[];
  /** The ids that names resolved to when written, so a later rename of a repository is no change. */
  repositoryIdsByName?: Record<string, number>;
}

/** The item whose access is checked, as the deployment's SelectionOwners knows it. */
export interface AccessOwner {
  /** The item's key among SelectionOwners (`secretKey`, or a variable's). */
  key: string;
  /** How errors name the item. */
  name: string;
  /** The resource that declares it, e.g. `OrgSecret octo-org/TOKEN`. */
  owner: string;
  kinds: { item: string; selection: string };
}

/** Whether these inputs own the item's selected-repository list (else a repository selection resource may). */
export function managesSelection(
  props: VisibilityAccess,
): props is VisibilityAccess & Required<Pick<VisibilityAccess, "selectedRepositories">> {
  return props.visibility === "selected" && Array.isArray(props.selectedRepositories);
}

/** Whether the visibility or the selection the inputs own changed since the state was written. */
export function accessChanged(olds: VisibilityAccess & VisibilityOutputs, news: VisibilityAccess): boolean {
  if (olds.visibility !== news.visibility || managesSelection(olds) !== managesSelection(news)) return true;
  if (!managesSelection(news)) return false;
  return !sameIds(knownIds(news.selectedRepositories, olds.repositoryIdsByName), olds.selectedRepositoryIds);
}

/**
 * The access inputs, checked; problems are pushed. `owner` (undefined while the item's name is unknown) declares
 * the visibility and claims the selection for this resource, so that a second manager of the list is refused.
 */
export function checkVisibilityAccess(
  context: ProviderContext,
  news: RawInputs,
  owner: AccessOwner | undefined,
  problems: InputProblem[],
): VisibilityAccess {
  const visibility = news.visibility ?? "private";
  if (!isUnknown(visibility) && !VISIBILITIES.includes(visibility as Visibility)) {
    problems.push({ field: "visibility", reason: `is "${shown(visibility)}"; give "all", "private" or "selected".` });
  }
  const selectedRepositories = checkRepositoryRefs(
    "selectedRepositories",
    news.selectedRepositories,
    news.org,
    problems,
  );
  if (selectedRepositories !== undefined && visibility !== "selected" && !isUnknown(visibility)) {
    problems.push({
      field: "selectedRepositories",
      reason: `is given, but visibility is "${shown(visibility)}"; GitHub keeps selected repositories only for visibility "selected". Set visibility to "selected", or remove selectedRepositories.`,
    });
  }
  if (owner) {
    if (!isUnknown(visibility)) context.selectionOwners.declareVisibility(owner.key, shown(visibility));
    if (selectedRepositories !== undefined)
      context.selectionOwners.claim(owner.key, owner.name, owner.owner, owner.kinds, "selectedRepositories", problems);
  }
  return { visibility: visibility as Visibility, ...(selectedRepositories !== undefined && { selectedRepositories }) };
}

/** What a write carries for the access (`visibility`, and the ids for a list the inputs own), and the outputs that follow. */
export async function accessBody(
  context: ProviderContext,
  inputs: VisibilityAccess,
  label: string,
): Promise<{ body: Record<string, unknown>; outs: VisibilityOutputs }> {
  if (!managesSelection(inputs)) return { body: { visibility: inputs.visibility }, outs: {} };
  const { ids, byName } = await context.repositoryIds.resolve(
    inputs.selectedRepositories,
    label,
    "selectedRepositories",
  );
  return {
    body: { visibility: inputs.visibility, selected_repository_ids: ids },
    outs: { selectedRepositoryIds: ids, repositoryIdsByName: byName },
  };
}

/** What a refresh finds changed in the access, said for a person: the visibility, and the list the inputs own (`item`'s). */
export async function accessDrift(
  context: ProviderContext,
  props: VisibilityAccess & VisibilityOutputs,
  remoteVisibility: string | undefined,
  item: Route,
  label: string,
): Promise<string[]> {
  const drift: string[] = [];
  if (remoteVisibility !== props.visibility)
    drift.push(`visibility is "${remoteVisibility}" on GitHub, not "${props.visibility}"`);
  if (managesSelection(props) && remoteVisibility === "selected")
    drift.push(...(await selectionDrift(context, item, (props as VisibilityOutputs).selectedRepositoryIds, label)));
  return drift;
}

/** What a refresh finds changed in an item's selected repositories (`item`'s list against `stored`), said for a person. */
export async function selectionDrift(
  context: ProviderContext,
  item: Route,
  stored: number[] = [],
  label: string,
): Promise<string[]> {
  const ids = await selectedRepositoryIds(context, item, label);
  return sameIds(ids, stored)
    ? []
    : [`the selected repositories on GitHub are [${ids.join(", ")}], not [${stored.join(", ")}]`];
}
