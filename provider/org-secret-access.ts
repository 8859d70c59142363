import { APP_NAMES, secretKey, type SecretApp, type Scope } from "../core/scope";
import type { ProviderContext } from "./context";
import { readSecret } from "./github-secrets";
import { secretPath } from "./routes";
import type { AccessSpec } from "./secret-resource";
import { setSelectedRepositories } from "./selected-repositories";
import type { OrgSecretInputs, OrgSecretOutputs } from "./types";
import { accessBody, accessChanged, accessDrift, checkVisibilityAccess, managesSelection } from "./visibility-access";

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
  const path = (props: { org: string; secretName: string }) =>
    secretPath(orgScope(kinds.app, props.org), props.secretName);
  return {
    check(context, news, problems) {
      const named = typeof news.org === "string" && typeof news.secretName === "string";
      const owner = named && {
        key: secretKey(orgScope(kinds.app, news.org), String(news.secretName)),
        name: `${String(news.org)}/${String(news.secretName).toUpperCase()}`,
        owner: `${kinds.item} ${String(news.org)}/${String(news.secretName)}`,
        kinds,
      };
      return checkVisibilityAccess(context, news, owner || undefined, problems);
    },
    body: accessBody,
    needsValue: (olds, news) => olds.visibility !== news.visibility,
    changed: accessChanged,

    async apply(context, news, label) {
      if (!managesSelection(news)) return {};
      const { ids, byName } = await context.repositoryIds.resolve(
        news.selectedRepositories,
        label,
        "selectedRepositories",
      );
      await setSelectedRepositories(context, path(news), ids, label);
      return { selectedRepositoryIds: ids, repositoryIdsByName: byName };
    },

    readDrift: (context, props, remote, label) => accessDrift(context, props, remote.visibility, path(props), label),
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
