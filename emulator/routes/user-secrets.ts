import type { ApiRequest, ApiResponse, Handler } from "../api-request";
import { found, notFound } from "../api-error";
import { type SecretVault, type UserSecret, sortedByName } from "../store";
import { findUser, repositoryIdParam } from "./find-scope";
import { readSealedValue } from "./read-sealed-value";
import { integerArrayField, requireFields } from "./request-body";
import { noContent, publicKeyResponse, putResponse, secretBody, secretList } from "./secret-responses";
import { repositoryList } from "./selected-repositories";

/**
 * The Codespaces secrets of the token's user (`/user/codespaces/secrets`): list, public key, get, put,
 * delete, and the repositories whose codespaces may use a secret (list, set, add, remove). Those may be
 * any repository of the fixture: an unknown id is 422 on the secret's PUT, 404 on the repository
 * endpoints. An installation token gets 403 on all of them.
 */
export function userSecrets(): Record<
  "list" | "publicKey" | "get" | "put" | "remove" | "listRepos" | "setRepos" | "addRepo" | "removeRepo",
  Handler
> {
  const vault = (request: ApiRequest): SecretVault<UserSecret> => findUser(request).secrets.codespaces!;
  const findSecret = (request: ApiRequest): UserSecret =>
    found(vault(request).secrets.get(request.params.secret_name.toUpperCase()));
  const knownRepositoryIds = (request: ApiRequest, ids: number[]): number[] => {
    for (const id of ids) found(request.state.store.repoById(id));
    return ids;
  };
  return {
    list: (request) =>
      secretList(request, sortedByName(vault(request).secrets.values()), (secret) => userSecretBody(request, secret)),
    publicKey: (request) => publicKeyResponse(request, vault(request).keyScope),
    get: (request) => ({ status: 200, body: userSecretBody(request, findSecret(request)) }),
    put: (request): ApiResponse => {
      const user = findUser(request);
      const body = request.json();
      requireFields(body, ["encrypted_value", "key_id"]);
      const ids = integerArrayField(body, "selected_repository_ids", true);
      const value = readSealedValue(request, body, user.secrets.codespaces!.keyScope);
      return putResponse(request.state.store.putUserSecret(user, request.params.secret_name, value, ids));
    },
    remove: (request) => {
      if (!request.state.store.deleteSecret(vault(request), request.params.secret_name)) throw notFound();
      return noContent();
    },
    listRepos: (request) =>
      repositoryList(request, request.state.store.reposByIds(findSecret(request).selectedRepositoryIds)),
    setRepos: (request) => {
      const secret = findSecret(request);
      const body = request.json();
      requireFields(body, ["selected_repository_ids"]);
      const ids = knownRepositoryIds(request, integerArrayField(body, "selected_repository_ids")!);
      request.state.store.setUserSelection(secret, ids);
      return noContent();
    },
    addRepo: (request) => {
      const secret = findSecret(request);
      secret.selectedRepositoryIds.add(knownRepositoryIds(request, [repositoryIdParam(request)])[0]);
      return noContent();
    },
    removeRepo: (request) => {
      const secret = findSecret(request);
      secret.selectedRepositoryIds.delete(knownRepositoryIds(request, [repositoryIdParam(request)])[0]);
      return noContent();
    },
  };
}

/** A user secret is always `selected`: it reaches the repositories it names, and no other. */
function userSecretBody(request: ApiRequest, secret: UserSecret): object {
  return {
    ...secretBody(secret),
    visibility: "selected",
    selected_repositories_url: `${request.urls.api}/user/codespaces/secrets/${secret.name}/repositories`,
  };
}
