import type { ApiRequest, ApiResponse, Handler } from "../api-request";
import { found, notFound } from "../api-error";
import type { SecretApp } from "../fixture-types";
import { type Org, type OrgSecret, type SecretVault, sortedByName } from "../store";
import { findOrg } from "./find-scope";
import { readSealedValue } from "./read-sealed-value";
import { enumField, integerArrayField, requireFields } from "./request-body";
import { noContent, publicKeyResponse, putResponse, secretBody, secretList } from "./secret-responses";
import { selectedRepositories } from "./selected-repositories";

/** Where each app's org secrets are served, under `/orgs/{org}/`. */
const APP_SEGMENT: Record<SecretApp, string> = {
  actions: "actions",
  dependabot: "dependabot",
  codespaces: "codespaces",
};

/**
 * The nine organization-secret operations of one app: list, public key, get, put, delete, and the
 * selected repositories' list, set, add and remove. Each app has its own secrets and key pair.
 * Dependabot's PUT also takes repository ids as strings of digits, as GitHub's description allows.
 */
export function orgSecrets(
  app: SecretApp,
): Record<
  "list" | "publicKey" | "get" | "put" | "remove" | "listRepos" | "setRepos" | "addRepo" | "removeRepo",
  Handler
> {
  const vaultOf = (org: Org): SecretVault<OrgSecret> => found(org.secrets[app]);
  const body = (request: ApiRequest, org: Org, secret: OrgSecret) => orgSecretBody(request, app, org, secret);
  const findSecret = (request: ApiRequest) => {
    const org = findOrg(request);
    return { org, item: found(vaultOf(org).secrets.get(request.params.secret_name.toUpperCase())) };
  };
  return {
    list: (request) => {
      const org = findOrg(request);
      return secretList(request, sortedByName(vaultOf(org).secrets.values()), (secret) => body(request, org, secret));
    },
    publicKey: (request) => publicKeyResponse(request, vaultOf(findOrg(request)).keyScope),
    get: (request) => {
      const { org, item } = findSecret(request);
      return { status: 200, body: body(request, org, item) };
    },
    put: (request): ApiResponse => {
      const org = findOrg(request);
      const vault = vaultOf(org);
      const json = request.json();
      requireFields(json, ["encrypted_value", "key_id", "visibility"]);
      const visibility = enumField(json, "visibility", ["all", "private", "selected"] as const);
      const ids = integerArrayField(json, "selected_repository_ids", app === "dependabot");
      const value = readSealedValue(request, json, vault.keyScope);
      return putResponse(
        request.state.store.putOrgSecret(org, vault, request.params.secret_name, value, visibility, ids),
      );
    },
    remove: (request) => {
      if (!request.state.store.deleteSecret(vaultOf(findOrg(request)), request.params.secret_name)) throw notFound();
      return noContent();
    },
    ...selectedRepositories(findSecret, "secret"),
  };
}

/** `selected_repositories_url` only for `selected`, as GitHub sends it. */
function orgSecretBody(request: ApiRequest, app: SecretApp, org: Org, secret: OrgSecret): object {
  return {
    ...secretBody(secret),
    visibility: secret.visibility,
    ...(secret.visibility === "selected" && {
      selected_repositories_url: `${request.urls.api}/orgs/${org.login}/${APP_SEGMENT[app]}/secrets/${secret.name}/repositories`,
    }),
  };
}
