import { VISIBILITIES } from "./github-secrets";
import { checkRepositoryRefs, knownIds, sameIds, type RepositoryRef } from "./repository-ids";
import { secretResource } from "./secret-resource";
import { selectedRepositoryIds, setSelectedRepositories } from "./selected-repositories";
import { checkOwner, checkSecretName, isUnknown } from "./validate";
import type { ProviderContext } from "./types";

type Props = Record<string, any>;

/** Whether this secret's inputs own its selected-repository list (else OrgSecretRepoSelection may). */
function managesSelection(props: Props): boolean {
  return props.visibility === "selected" && Array.isArray(props.selectedRepositories);
}

async function resolveSelection(context: ProviderContext, inputs: Props, label: string) {
  return context.repositoryIds.resolve(inputs.selectedRepositories as RepositoryRef[], label, "selectedRepositories");
}

function selectionChanged(olds: Props, news: Props): boolean {
  if (managesSelection(olds) !== managesSelection(news)) return true;
  if (!managesSelection(news)) return false;
  return !sameIds(knownIds(news.selectedRepositories, olds.repositoryIdsByName), olds.selectedRepositoryIds);
}

/**
 * OrgSecret: an organization's Actions secret, with who may read it. PUT and DELETE
 * /orgs/{org}/actions/secrets/{secret_name}; the PUT carries the sealed value, `visibility` and,
 * for `selected`, `selected_repository_ids`.
 *
 * GitHub accepts a visibility only together with a value, so a visibility change writes the same
 * value again (in place: never a moment without the secret). A selection change alone goes to
 * PUT .../repositories without touching the value. Repositories given as `owner/name` are
 * resolved to ids when written; the state keeps the ids, so a rename is harmless.
 *
 * Checked inputs: RepoSecret's with org instead of owner and repository, plus visibility and
 * selectedRepositories. Outputs add selectedRepositoryIds and repositoryIdsByName.
 */
export const orgSecret = secretResource({
  kind: "OrgSecret",
  identity: ["org", "secretName"],
  scopeOf: (props) => ({ kind: "org", org: props.org }),
  checkIdentity: (news) => [checkOwner("org", news.org), checkSecretName("secretName", news.secretName)],

  checkSettings(context, news, problems) {
    const visibility = news.visibility ?? "private";
    if (!isUnknown(visibility) && !VISIBILITIES.includes(visibility)) {
      problems.push({ field: "visibility", reason: `is "${visibility}"; give "all", "private" or "selected".` });
    }
    const selectedRepositories = checkRepositoryRefs("selectedRepositories", news.selectedRepositories, news.org, problems);
    if (selectedRepositories !== undefined && visibility !== "selected" && !isUnknown(visibility)) {
      problems.push({ field: "selectedRepositories", reason: `is given, but visibility is "${visibility}"; GitHub keeps selected repositories only for visibility "selected". Set visibility to "selected", or remove selectedRepositories.` });
    }
    const label = `OrgSecret ${news.org}/${news.secretName}`;
    if (!isUnknown(visibility)) context.selectionOwners.declareVisibility(news.org, news.secretName, visibility);
    if (selectedRepositories !== undefined) context.selectionOwners.claim(news.org, news.secretName, label, "selectedRepositories", problems);
    return { visibility, ...(selectedRepositories !== undefined && { selectedRepositories }) };
  },

  async writeSettings(context, inputs, label) {
    if (!managesSelection(inputs)) return { body: { visibility: inputs.visibility }, outs: {} };
    const { ids, byName } = await resolveSelection(context, inputs, label);
    return {
      body: { visibility: inputs.visibility, selected_repository_ids: ids },
      outs: { selectedRepositoryIds: ids, repositoryIdsByName: byName },
    };
  },

  settingsNeedValue: (olds, news) => olds.visibility !== news.visibility,
  settingsChanged: (olds, news) => olds.visibility !== news.visibility || selectionChanged(olds, news),

  async applySettings(context, news, label) {
    if (!managesSelection(news)) return {};
    const { ids, byName } = await resolveSelection(context, news, label);
    await setSelectedRepositories(context, news.org, news.secretName, ids, label);
    return { selectedRepositoryIds: ids, repositoryIdsByName: byName };
  },

  async readSettings(context, props, remote, label) {
    const drift: string[] = [];
    if (remote.visibility !== props.visibility) drift.push(`visibility is "${remote.visibility}" on GitHub, not "${props.visibility}"`);
    if (managesSelection(props) && remote.visibility === "selected") {
      const ids = await selectedRepositoryIds(context, props.org, props.secretName, label);
      if (!sameIds(ids, props.selectedRepositoryIds)) drift.push(`the selected repositories on GitHub are [${ids.join(", ")}], not [${props.selectedRepositoryIds.join(", ")}]`);
    }
    return { outs: {}, drift };
  },
});
