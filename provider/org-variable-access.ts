import type { Scope } from "../core/scope";
import type { ProviderContext } from "./context";
import { readVariable } from "./github-variables";
import type { RepoSelectionSpec } from "./repo-selection";
import { variablePath } from "./routes";
import { variableId, variableKey, type VariableAccessSpec } from "./variable-resource";
import type { OrgVariableInputs, OrgVariableOutputs } from "./types";
import { accessBody, accessChanged, accessDrift, checkVisibilityAccess, managesSelection } from "./visibility-access";

/** The kinds that hold an organization variable and, apart, its selected repositories. */
const KINDS = { item: "OrgVariable", selection: "OrgVariableRepoSelection" };

export function orgVariableScope(org: unknown): Scope {
  return { kind: "org", org: String(org) };
}

const itemPath = (org: string, name: string) => variablePath(orgVariableScope(org), name);

/**
 * Who may read an organization variable: its visibility and, for `selected`, its repositories (ids or
 * `owner/name`, resolved to ids when written; the state keeps the ids). GitHub takes both in the variable's POST
 * and PATCH, so any access change is that one PATCH, with the value only if it changed too. The checks and their
 * messages are the organization secrets' (see `orgSecretAccess`).
 */
export const orgVariableAccess: VariableAccessSpec<OrgVariableInputs, OrgVariableOutputs> = {
  check(context, news, problems) {
    const named = typeof news.org === "string" && typeof news.variableName === "string";
    const scope = orgVariableScope(news.org);
    const owner = named && {
      key: variableKey(scope, String(news.variableName)),
      name: `the organization variable ${variableId(scope, String(news.variableName))}`,
      owner: `${KINDS.item} ${String(news.org)}/${String(news.variableName)}`,
      kinds: KINDS,
    };
    return checkVisibilityAccess(context, news, owner || undefined, problems);
  },

  body: accessBody,

  changed: accessChanged,

  kept: (olds) =>
    managesSelection(olds)
      ? { selectedRepositoryIds: olds.selectedRepositoryIds, repositoryIdsByName: olds.repositoryIdsByName }
      : {},

  readDrift: (context, props, remote, label) =>
    accessDrift(context, props, remote.visibility, itemPath(props.org, props.variableName), label),
};

/** The repository selection of an organization variable (see `repoSelectionResource`). */
export const orgVariableSelectionSpec: RepoSelectionSpec<"variableName"> = {
  kind: KINDS.selection,
  itemKind: KINDS.item,
  itemNoun: "organization variable",
  nameField: "variableName",
  idOf: (org, name) => ({
    id: variableId(orgVariableScope(org), name),
    key: variableKey(orgVariableScope(org), name),
  }),
  itemPath,
  visibilityOf: async (context: ProviderContext, org, name, label) => {
    const variable = await readVariable(context, orgVariableScope(org), name, label);
    return variable && (variable.visibility ?? "unknown");
  },
};
