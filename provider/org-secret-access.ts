import { VISIBILITIES, type Visibility } from "../core/lookup-results";
import { shown } from "../core/input-problems";
import { APP_NAMES, secretKey, type SecretApp, type Scope } from "../core/scope";
import { isUnknown } from "../core/validate";
import type { ProviderContext } from "./context";
import { readSecret } from "./github-secrets";
import { checkRepositoryRefs, knownIds, sameIds } from "./repository-ids";
import { secretPath } from "./routes";
import type { AccessSpec } from "./secret-resource";
import { selectedRepositoryIds, setSelectedRepositories } from "./selected-repositories";
import type { OrgSecretInputs, OrgSecretOutputs, RawInputs } from "./types";

type Access = Pick<OrgSecretInputs, "visibility" | "selectedRepositories">;

/** Whether this secret's inputs own its selected-repository list (else a repository selection resource may). */
function managesSelection(props: Access): props is Access & Required<Pick<Access, "selectedRepositories">> {
  return props.visibility === "selected" && Array.isArray(props.selectedRepositories);
}

function selectionChanged(olds: OrgSecretInputs & OrgSecretOutputs, news: OrgSecretInputs): boolean {
  if (managesSelection(olds) !== managesSelection(news)) return true;
  if (!managesSelection(news)) return false;
  return !sameIds(knownIds(news.selectedRepositories, olds.repositoryIdsByName), olds.selectedRepositoryIds);
}

/** The scope of an organization secret of one application. */
export function orgScope(app: SecretApp, org: unknown): Scope {
  return { kind: "org", org: String(org), app };
}

/** The kinds that hold an organization secret of one application and, apart, its selected repositories. */
export interface OrgSecretKinds {
  app: SecretApp;
  /** e.g. `OrgSecret` */
  item: string;
  /** e.g. `OrgSecretRepoSelection` */
  selection: string;
}

/**
 * Who may read an organization secret (Actions, Dependabot or Codespaces alike): its visibility and selected
 * repositories. GitHub accepts a visibility only together with a value, so a visibility change writes the same
 * value again (in place: never a moment without the secret). A selection change alone goes to
 * PUT .../repositories without touching the value. Repositories given as `owner/name` are resolved to ids when
 * written; the state keeps the ids, so a rename is harmless.
 */
export function orgSecretAccess(kinds: OrgSecretKinds): AccessSpec<OrgSecretInputs, OrgSecretOutputs> {
  const scopeOf = (props: RawInputs) => orgScope(kinds.app, props.org);
  const resolve = (context: ProviderContext, refs: NonNullable<Access["selectedRepositories"]>, label: string) =>
    context.repositoryIds.resolve(refs, label, "selectedRepositories");

  return {
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
      if (typeof news.org === "string" && typeof news.secretName === "string") {
        const key = secretKey(scopeOf(news), news.secretName);
        const name = `${news.org}/${news.secretName.toUpperCase()}`;
        if (!isUnknown(visibility)) context.selectionOwners.declareVisibility(key, shown(visibility));
        if (selectedRepositories !== undefined)
          context.selectionOwners.claim(
            key,
            name,
            `${kinds.item} ${news.org}/${news.secretName}`,
            kinds,
            "selectedRepositories",
            problems,
          );
      }
      return {
        visibility: visibility as Visibility,
        ...(selectedRepositories !== undefined && { selectedRepositories }),
      };
    },

    async body(context, inputs, label) {
      if (!managesSelection(inputs)) return { body: { visibility: inputs.visibility }, outs: {} };
      const { ids, byName } = await resolve(context, inputs.selectedRepositories, label);
      return {
        body: { visibility: inputs.visibility, selected_repository_ids: ids },
        outs: { selectedRepositoryIds: ids, repositoryIdsByName: byName },
      };
    },

    needsValue: (olds, news) => olds.visibility !== news.visibility,
    changed: (olds, news) => olds.visibility !== news.visibility || selectionChanged(olds, news),

    async apply(context, news, label) {
      if (!managesSelection(news)) return {};
      const { ids, byName } = await resolve(context, news.selectedRepositories, label);
      await setSelectedRepositories(context, secretPath(scopeOf(news), news.secretName), ids, label);
      return { selectedRepositoryIds: ids, repositoryIdsByName: byName };
    },

    async readDrift(context, props, remote, label) {
      const drift: string[] = [];
      if (remote.visibility !== props.visibility)
        drift.push(`visibility is "${remote.visibility}" on GitHub, not "${props.visibility}"`);
      if (managesSelection(props) && remote.visibility === "selected") {
        const ids = await selectedRepositoryIds(context, secretPath(scopeOf(props), props.secretName), label);
        const stored = props.selectedRepositoryIds ?? [];
        if (!sameIds(ids, stored))
          drift.push(`the selected repositories on GitHub are [${ids.join(", ")}], not [${stored.join(", ")}]`);
      }
      return drift;
    },
  };
}

/** The repository selection of an organization secret of one application: the few lines each kind differs by. */
export function orgSecretSelectionSpec(kinds: OrgSecretKinds) {
  return {
    kind: kinds.selection,
    itemKind: kinds.item,
    itemNoun: kinds.app === "actions" ? "organization secret" : `${APP_NAMES[kinds.app]} organization secret`,
    nameField: "secretName" as const,
    idOf: (org: string, name: string) => ({
      id: `${org}/${name.toUpperCase()}`,
      key: secretKey(orgScope(kinds.app, org), name),
    }),
    itemPath: (org: string, name: string) => secretPath(orgScope(kinds.app, org), name),
    visibilityOf: async (context: ProviderContext, org: string, name: string, label: string) => {
      const secret = await readSecret(context, orgScope(kinds.app, org), name, label);
      return secret && (secret.visibility ?? "unknown");
    },
  };
}
