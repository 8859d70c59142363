import { DRIFT_POLICIES, type DriftPolicy } from "../core/drift-policy";
import { invalidInputs, shown, type InputProblem } from "../core/input-problems";
import { checkOwner, checkSecretName, isUnknown } from "../core/validate";
import { requireToken, type ProviderContext } from "./context";
import { checkRepositoryRefs, sameIds, knownIds } from "./repository-ids";
import { GONE, withoutProvider, type ResourceImplementation } from "./resource-implementation";
import type { Route } from "./routes";
import {
  changeSelectedRepositories,
  selectedRepositoryIds,
  selectionChange,
  setSelectedRepositories,
} from "./selected-repositories";
import type { RawInputs, RepoSelectionInputs, RepoSelectionOutputs } from "./types";

/**
 * What sets one kind of repository selection apart: which organization item (an Actions, Dependabot or Codespaces
 * secret, or a variable) its list belongs to. The rest is the same for each and lives here.
 */
export interface RepoSelectionSpec<Name extends string> {
  /** The resource kind, e.g. `OrgSecretRepoSelection`. */
  kind: string;
  /** The resource kind that holds the item itself, e.g. `OrgSecret`. */
  itemKind: string;
  /** How errors name the item, e.g. `organization secret`. */
  itemNoun: string;
  /** The input that names the item: `secretName` or `variableName`. */
  nameField: Name;
  /** The item's ID and its key among SelectionOwners. */
  idOf(org: string, name: string): { id: string; key: string };
  /** The item's path, below which its selected-repository routes live. */
  itemPath(org: string, name: string): Route;
  /** The item's visibility on GitHub; undefined when it does not exist. */
  visibilityOf(context: ProviderContext, org: string, name: string, label: string): Promise<string | undefined>;
}

/**
 * The list of repositories that can read an organization secret or variable whose visibility is `selected`,
 * managed apart from the item (for instance by each team's stack).
 *
 * Create sets the whole list (PUT .../repositories); an update adds and removes only what changed
 * (PUT and DELETE .../repositories/{repository_id}); destroy removes the repositories it lists and
 * leaves the item, and any repository it does not list, as they are.
 */
export function repoSelectionResource<Name extends string>(
  spec: RepoSelectionSpec<Name>,
): ResourceImplementation<RepoSelectionInputs<Name>, RepoSelectionOutputs> {
  type Inputs = RepoSelectionInputs<Name>;
  type State = Inputs & RepoSelectionOutputs;
  const nameOf = (props: RawInputs) => String(props[spec.nameField]);
  const label = (props: RawInputs) => `${spec.kind} ${String(props.org)}/${nameOf(props).toUpperCase()}`;
  const path = (props: Inputs) => spec.itemPath(props.org, nameOf(props));

  function notSelected(props: RawInputs, visibility: string): Error {
    return new Error(
      `${label(props)}: the ${spec.itemNoun}'s visibility is "${visibility}", and GitHub keeps a list of repositories only for "selected" (it would answer 409). Set visibility: "selected" on the ${spec.itemKind}, or remove this resource.`,
    );
  }

  /** The item must exist with visibility `selected` before its list can be written: asked first, not learned from a 409. */
  async function requireSelected(context: ProviderContext, props: Inputs): Promise<void> {
    const visibility = await spec.visibilityOf(context, props.org, nameOf(props), label(props));
    if (visibility === undefined) {
      throw new Error(
        `${label(props)}: the ${spec.itemNoun} ${props.org}/${nameOf(props)} does not exist. Declare it (${spec.itemKind} with visibility "selected") and pass it in dependsOn, or create it first.`,
      );
    }
    if (visibility !== "selected") throw notSelected(props, visibility);
  }

  const resolve = (context: ProviderContext, props: Inputs) =>
    context.repositoryIds.resolve(props.repositories, label(props), "repositories");

  return {
    async check(context, _olds, news) {
      const problems: InputProblem[] = [
        checkOwner("org", news.org),
        checkSecretName(spec.nameField, news[spec.nameField]),
      ].filter((p): p is InputProblem => p !== undefined);
      const repositories = checkRepositoryRefs("repositories", news.repositories ?? [], news.org, problems);
      const onDrift = news.onDrift ?? "overwrite";
      if (!isUnknown(onDrift) && !DRIFT_POLICIES.includes(onDrift as DriftPolicy)) {
        problems.push({
          field: "onDrift",
          reason: `is "${shown(onDrift)}"; give one of "overwrite", "ignore", "fail".`,
        });
      }
      const [org, name] = [String(news.org), nameOf(news)];
      if (typeof news.org === "string" && typeof news[spec.nameField] === "string") {
        const { id, key } = spec.idOf(org, name);
        const kinds = { item: spec.itemKind, selection: spec.kind };
        context.selectionOwners.claim(key, id, label(news), kinds, "repositories", problems);
        const declared = context.selectionOwners.declaredVisibility(key);
        if (declared !== undefined && declared !== "selected")
          problems.push({ field: "org", reason: notSelected(news, declared).message.replace(`${label(news)}: `, "") });
      }
      if (problems.length > 0 || !repositories) throw invalidInputs(label(news), problems);
      return { inputs: { org, [spec.nameField]: name, repositories, onDrift: onDrift as DriftPolicy } as Inputs };
    },

    async diff(_context, _id, olds, news) {
      const replaces = ["org", spec.nameField].filter(
        (f) => String(olds[f as keyof Inputs]).toLowerCase() !== String(news[f as keyof Inputs]).toLowerCase(),
      );
      if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: true };
      if (olds.drift && news.onDrift === "fail") {
        throw new Error(
          `${label(news)}: ${olds.drift}. onDrift is "fail": find out who changed it, then set onDrift to "overwrite" to restore the program's list, or "ignore" to leave GitHub's.`,
        );
      }
      const drifted = Boolean(olds.drift) && news.onDrift !== "ignore";
      return {
        changes: drifted || !sameIds(knownIds(news.repositories, olds.repositoryIdsByName), olds.repositoryIds),
        replaces: [],
      };
    },

    async create(context, inputs) {
      requireToken(context, label(inputs));
      await requireSelected(context, inputs);
      const { ids, byName } = await resolve(context, inputs);
      await setSelectedRepositories(context, path(inputs), ids, label(inputs));
      return {
        id: spec.idOf(inputs.org, nameOf(inputs)).id,
        outs: { ...withoutProvider(inputs), repositoryIds: ids, repositoryIdsByName: byName } as State,
      };
    },

    async update(context, _id, olds, news) {
      requireToken(context, label(news));
      await requireSelected(context, news);
      const { ids, byName } = await resolve(context, news);
      if (olds.drift && news.onDrift !== "ignore") {
        await setSelectedRepositories(context, path(news), ids, label(news));
      } else {
        await changeSelectedRepositories(context, path(news), selectionChange(olds.repositoryIds, ids), label(news));
      }
      return { outs: { ...withoutProvider(news), repositoryIds: ids, repositoryIdsByName: byName } as State };
    },

    async read(context, id, props) {
      requireToken(context, label(props));
      const visibility = await spec.visibilityOf(context, props.org, nameOf(props), label(props));
      if (visibility === undefined) return GONE;
      const outs = withoutProvider(props) as State;
      if (visibility !== "selected")
        return {
          id,
          props: { ...outs, drift: `visibility is "${visibility}" on GitHub, so no repository list applies` },
        };
      const ids = await selectedRepositoryIds(context, path(props), label(props));
      if (sameIds(ids, props.repositoryIds)) return { id, props: outs };
      return {
        id,
        props: {
          ...outs,
          drift: `the selected repositories on GitHub are [${ids.join(", ")}], not [${props.repositoryIds.join(", ")}]`,
        },
      };
    },

    async delete(context, _id, props) {
      requireToken(context, label(props));
      const visibility = await spec.visibilityOf(context, props.org, nameOf(props), label(props));
      if (visibility !== "selected") return;
      await changeSelectedRepositories(
        context,
        path(props),
        { add: [], remove: props.repositoryIds ?? [] },
        label(props),
      );
    },
  };
}
