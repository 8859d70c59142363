import type { ApiRequest, ApiResponse, Handler } from "../api-request";
import { found, notFound } from "../api-error";
import { VARIABLES_PAGE_SIZE, paginate } from "../paginate";
import {
  type Environment,
  type Org,
  type OrgVariable,
  type Repo,
  type StoredVariable,
  type VariableChange,
  type VariableVault,
  sortedByName,
} from "../store";
import { findOrg, findRepo } from "./find-scope";
import { enumField, integerArrayField, optionalStringField, requireFields, stringField } from "./request-body";
import { noContent } from "./secret-responses";
import { selectedRepositories } from "./selected-repositories";

const VISIBILITIES = ["all", "private", "selected"] as const;

function variableBody(variable: StoredVariable): {
  name: string;
  value: string;
  created_at: string;
  updated_at: string;
} {
  return { name: variable.name, value: variable.value, created_at: variable.createdAt, updated_at: variable.updatedAt };
}

/** `{ total_count, variables }`, one page (10 by default, at most 30, as GitHub pages variables). */
function variableList<V>(request: ApiRequest, variables: readonly V[], toBody: (variable: V) => object): ApiResponse {
  const page = paginate(variables, request, VARIABLES_PAGE_SIZE);
  return {
    status: 200,
    body: { total_count: variables.length, variables: page.items.map(toBody) },
    headers: page.headers,
  };
}

function findVariable<V extends StoredVariable>(vault: VariableVault<V>, request: ApiRequest): V {
  return found(vault.variables.get(request.params.name.toUpperCase()));
}

/** The plain part of a PATCH: an optional new `name` and `value`. */
function change(body: Record<string, unknown>): VariableChange {
  const name = optionalStringField(body, "name");
  const value = optionalStringField(body, "value");
  return { ...(name !== undefined && { name }), ...(value !== undefined && { value }) };
}

/**
 * The five variable operations of a repository or an environment: list, create (`POST`, 201 `{}`,
 * 409 when the name exists), get, update (`PATCH`, 204; `name` renames) and delete.
 */
export function scopedVariables(
  find: (request: ApiRequest) => Repo | Environment,
): Record<"list" | "create" | "get" | "update" | "remove", Handler> {
  const vault = (request: ApiRequest): VariableVault => find(request).variables;
  return {
    list: (request) => variableList(request, sortedByName(vault(request).variables.values()), variableBody),
    create: (request) => {
      const target = vault(request);
      const body = request.json();
      requireFields(body, ["name", "value"]);
      request.state.store.createVariable(target, stringField(body, "name"), stringField(body, "value"));
      return { status: 201, body: {} };
    },
    get: (request) => ({ status: 200, body: variableBody(findVariable(vault(request), request)) }),
    update: (request) => {
      const target = vault(request);
      request.state.store.updateVariable(target, request.params.name, change(request.json()));
      return noContent();
    },
    remove: (request) => {
      if (!request.state.store.deleteVariable(vault(request), request.params.name)) throw notFound();
      return noContent();
    },
  };
}

/** The organization's variables: the five operations, with visibility, and the selected repositories'. */
export function orgVariables(): Record<
  "list" | "create" | "get" | "update" | "remove" | "listRepos" | "setRepos" | "addRepo" | "removeRepo",
  Handler
> {
  const findItem = (request: ApiRequest) => {
    const org = findOrg(request);
    return { org, item: findVariable(org.variables, request) };
  };
  return {
    list: (request) => {
      const org = findOrg(request);
      return variableList(request, sortedByName(org.variables.variables.values()), (variable) =>
        orgVariableBody(request, org, variable),
      );
    },
    create: (request) => {
      const org = findOrg(request);
      const body = request.json();
      requireFields(body, ["name", "value", "visibility"]);
      const name = stringField(body, "name");
      const value = stringField(body, "value");
      const visibility = enumField(body, "visibility", VISIBILITIES);
      const selectedRepositoryIds = integerArrayField(body, "selected_repository_ids");
      request.state.store.createVariable(org.variables, name, value, { org, visibility, selectedRepositoryIds });
      return { status: 201, body: {} };
    },
    get: (request) => {
      const { org, item } = findItem(request);
      return { status: 200, body: orgVariableBody(request, org, item) };
    },
    update: (request) => {
      const org = findOrg(request);
      const body = request.json();
      const update: VariableChange = {
        ...change(body),
        ...(body.visibility !== undefined && { visibility: enumField(body, "visibility", VISIBILITIES) }),
        selectedRepositoryIds: integerArrayField(body, "selected_repository_ids"),
      };
      request.state.store.updateVariable(org.variables, request.params.name, update, org);
      return noContent();
    },
    remove: (request) => {
      if (!request.state.store.deleteVariable(findOrg(request).variables, request.params.name)) throw notFound();
      return noContent();
    },
    ...selectedRepositories(findItem, "variable"),
  };
}

/** The org variables shared with the repository; unlike the org's own list, without `visibility`. */
export function listRepoOrganizationVariables(request: ApiRequest): ApiResponse {
  const repo = findRepo(request);
  return variableList(request, sortedByName(request.state.store.orgVariablesFor(repo)), variableBody);
}

/** `selected_repositories_url` only for `selected`, as for org secrets. */
function orgVariableBody(request: ApiRequest, org: Org, variable: OrgVariable): object {
  return {
    ...variableBody(variable),
    visibility: variable.visibility,
    ...(variable.visibility === "selected" && {
      selected_repositories_url: `${request.urls.api}/orgs/${org.login}/actions/variables/${variable.name}/repositories`,
    }),
  };
}
