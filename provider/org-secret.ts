import { VISIBILITIES, type Visibility } from "../core/lookup-results";
import { checkOwner, checkSecretName, isUnknown } from "../core/validate";
import type { ProviderContext } from "./context";
import { checkRepositoryRefs, knownIds, sameIds } from "./repository-ids";
import { secretResource } from "./secret-resource";
import { selectedRepositoryIds, setSelectedRepositories } from "./selected-repositories";
import type { OrgSecretInputs, OrgSecretOutputs } from "./types";
import { shown } from "../core/input-problems";

type Access = Pick<OrgSecretInputs, "visibility" | "selectedRepositories">;

/** Whether this secret's inputs own its selected-repository list (else OrgSecretRepoSelection may). */
function managesSelection(props: Access): props is Access & Required<Pick<Access, "selectedRepositories">> {
  return props.visibility === "selected" && Array.isArray(props.selectedRepositories);
}

async function resolveSelection(
  context: ProviderContext,
  refs: Required<Access>["selectedRepositories"],
  label: string,
) {
  return context.repositoryIds.resolve(refs, label, "selectedRepositories");
}

function selectionChanged(olds: OrgSecretInputs & OrgSecretOutputs, news: OrgSecretInputs): boolean {
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
 * What the state keeps: `OrgSecretInputs` (RepoSecret's with org instead of owner and repository, plus
 * visibility and selectedRepositories) and `OrgSecretOutputs` (plus selectedRepositoryIds and repositoryIdsByName).
 */
export const orgSecret = secretResource<OrgSecretInputs, OrgSecretOutputs>({
  kind: "OrgSecret",
  identity: ["org", "secretName"],
  scopeOf: (props) => ({ kind: "org", org: String(props.org) }),
  checkIdentity: (news) => [checkOwner("org", news.org), checkSecretName("secretName", news.secretName)],

  access: {
    check(context, news, problems) {
      const visibility = news.visibility ?? "private";
      if (!isUnknown(visibility) && !VISIBILITIES.includes(visibility as Visibility)) {
        problems.push({
          field: "visibility",
          reason: `is "${shown(visibility)}"; give "all", "private" or "selected".`,
        });
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
      const [org, secretName] = [String(news.org), String(news.secretName)];
      if (!isUnknown(visibility)) context.selectionOwners.declareVisibility(org, secretName, shown(visibility));
      if (selectedRepositories !== undefined)
        context.selectionOwners.claim(
          org,
          secretName,
          `OrgSecret ${org}/${secretName}`,
          "selectedRepositories",
          problems,
        );
      return {
        visibility: visibility as Visibility,
        ...(selectedRepositories !== undefined && { selectedRepositories }),
      };
    },

    async body(context, inputs, label) {
      if (!managesSelection(inputs)) return { body: { visibility: inputs.visibility }, outs: {} };
      const { ids, byName } = await resolveSelection(context, inputs.selectedRepositories, label);
      return {
        body: { visibility: inputs.visibility, selected_repository_ids: ids },
        outs: { selectedRepositoryIds: ids, repositoryIdsByName: byName },
      };
    },

    needsValue: (olds, news) => olds.visibility !== news.visibility,
    changed: (olds, news) => olds.visibility !== news.visibility || selectionChanged(olds, news),

    async apply(context, news, label) {
      if (!managesSelection(news)) return {};
      const { ids, byName } = await resolveSelection(context, news.selectedRepositories, label);
      await setSelectedRepositories(context, news.org, news.secretName, ids, label);
      return { selectedRepositoryIds: ids, repositoryIdsByName: byName };
    },

    async readDrift(context, props, remote, label) {
      const drift: string[] = [];
      if (remote.visibility !== props.visibility)
        drift.push(`visibility is "${remote.visibility}" on GitHub, not "${props.visibility}"`);
      if (managesSelection(props) && remote.visibility === "selected") {
        const ids = await selectedRepositoryIds(context, props.org, props.secretName, label);
        const stored = props.selectedRepositoryIds ?? [];
        if (!sameIds(ids, stored))
          drift.push(`the selected repositories on GitHub are [${ids.join(", ")}], not [${stored.join(", ")}]`);
      }
      return drift;
    },
  },
});
