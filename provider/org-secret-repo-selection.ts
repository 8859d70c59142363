import { DRIFT_POLICIES, type DriftPolicy } from "../core/drift-policy";
import { invalidInputs, shown, type InputProblem } from "../core/input-problems";
import { secretId } from "../core/scope";
import { checkOwner, checkSecretName, isUnknown } from "../core/validate";
import { requireToken, type ProviderContext } from "./context";
import { readSecret } from "./github-secrets";
import { checkRepositoryRefs, knownIds, sameIds } from "./repository-ids";
import { GONE, withoutProvider, type ResourceImplementation } from "./resource-implementation";
import { changeSelectedRepositories, selectedRepositoryIds, setSelectedRepositories } from "./selected-repositories";
import type { OrgSecretRepoSelectionInputs as Inputs, OrgSecretRepoSelectionOutputs as Outputs } from "./types";

/** What names the selection in errors; works on unchecked inputs too. */
type Named = Readonly<{ org?: unknown; secretName?: unknown }>;

const label = (props: Named) => `OrgSecretRepoSelection ${String(props.org)}/${String(props.secretName).toUpperCase()}`;

function notSelected(props: Named, visibility: string): Error {
  return new Error(
    `${label(props)}: the organization secret's visibility is "${visibility}", and GitHub keeps a list of repositories only for "selected" (it would answer 409). Set visibility: "selected" on the OrgSecret, or remove this resource.`,
  );
}

/** The secret must exist with visibility `selected` before its list can be written: asked first, not learned from a 409. */
async function requireSelectedSecret(context: ProviderContext, props: Inputs): Promise<void> {
  const secret = await readSecret(context, { kind: "org", org: props.org }, props.secretName, label(props));
  if (!secret) {
    throw new Error(
      `${label(props)}: the organization secret ${props.org}/${props.secretName} does not exist. Declare it (OrgSecret with visibility "selected") and pass it in dependsOn, or create it first.`,
    );
  }
  if (secret.visibility !== "selected") throw notSelected(props, secret.visibility ?? "unknown");
}

async function resolve(context: ProviderContext, props: Inputs) {
  return context.repositoryIds.resolve(props.repositories, label(props), "repositories");
}

function difference(from: number[], to: number[]) {
  return { add: to.filter((id) => !from.includes(id)), remove: from.filter((id) => !to.includes(id)) };
}

/**
 * OrgSecretRepoSelection: the list of repositories that can read an organization secret whose
 * visibility is `selected`, managed apart from the secret (for instance by each team's stack).
 *
 * Create sets the whole list (PUT .../repositories); an update adds and removes only what changed
 * (PUT and DELETE .../repositories/{repository_id}); destroy removes the repositories it lists and
 * leaves the secret, and any repository it does not list, as they are.
 */
export const orgSecretRepoSelection: ResourceImplementation<Inputs, Outputs> = {
  async check(context, _olds, news) {
    const problems: InputProblem[] = [
      checkOwner("org", news.org),
      checkSecretName("secretName", news.secretName),
    ].filter((p): p is InputProblem => p !== undefined);
    const repositories = checkRepositoryRefs("repositories", news.repositories ?? [], news.org, problems);
    const onDrift = news.onDrift ?? "overwrite";
    if (!isUnknown(onDrift) && !DRIFT_POLICIES.includes(onDrift as DriftPolicy)) {
      problems.push({ field: "onDrift", reason: `is "${shown(onDrift)}"; give one of "overwrite", "ignore", "fail".` });
    }
    const [org, secretName] = [String(news.org), String(news.secretName)];
    context.selectionOwners.claim(org, secretName, label(news), "repositories", problems);
    const declared = context.selectionOwners.declaredVisibility(org, secretName);
    if (declared !== undefined && declared !== "selected")
      problems.push({ field: "org", reason: notSelected(news, declared).message.replace(`${label(news)}: `, "") });
    if (problems.length > 0 || !repositories) throw invalidInputs(label(news), problems);
    return { inputs: { org, secretName, repositories, onDrift: onDrift as DriftPolicy } };
  },

  async diff(_context, _id, olds, news) {
    const replaces = (["org", "secretName"] as const).filter((f) => olds[f].toLowerCase() !== news[f].toLowerCase());
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
    await requireSelectedSecret(context, inputs);
    const { ids, byName } = await resolve(context, inputs);
    await setSelectedRepositories(context, inputs.org, inputs.secretName, ids, label(inputs));
    return {
      id: secretId({ kind: "org", org: inputs.org }, inputs.secretName),
      outs: { ...withoutProvider(inputs), repositoryIds: ids, repositoryIdsByName: byName },
    };
  },

  async update(context, _id, olds, news) {
    requireToken(context, label(news));
    await requireSelectedSecret(context, news);
    const { ids, byName } = await resolve(context, news);
    if (olds.drift && news.onDrift !== "ignore") {
      await setSelectedRepositories(context, news.org, news.secretName, ids, label(news));
    } else {
      await changeSelectedRepositories(
        context,
        news.org,
        news.secretName,
        difference(olds.repositoryIds, ids),
        label(news),
      );
    }
    return { outs: { ...withoutProvider(news), repositoryIds: ids, repositoryIdsByName: byName } };
  },

  async read(context, id, props) {
    requireToken(context, label(props));
    const secret = await readSecret(context, { kind: "org", org: props.org }, props.secretName, label(props));
    if (!secret) return GONE;
    const outs = withoutProvider(props);
    if (secret.visibility !== "selected")
      return {
        id,
        props: { ...outs, drift: `visibility is "${secret.visibility}" on GitHub, so no repository list applies` },
      };
    const ids = await selectedRepositoryIds(context, props.org, props.secretName, label(props));
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
    const secret = await readSecret(context, { kind: "org", org: props.org }, props.secretName, label(props));
    if (!secret || secret.visibility !== "selected") return;
    await changeSelectedRepositories(
      context,
      props.org,
      props.secretName,
      { add: [], remove: props.repositoryIds ?? [] },
      label(props),
    );
  },
};
