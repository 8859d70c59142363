import type { ApiRequest, ApiResponse, Handler } from "../api-request";
import { found, notFound } from "../api-error";
import type { SecretApp } from "../fixture-types";
import { type Environment, type Repo, type SecretVault, sortedByName } from "../store";
import { readSealedValue } from "./read-sealed-value";
import { requireFields } from "./request-body";
import { noContent, publicKeyResponse, putResponse, secretBody, secretList } from "./secret-responses";

/**
 * The five secret operations of a repository or an environment, which differ only in where the
 * secrets live (`find`) and whose they are (`app`: each app has its own secrets and key pair).
 */
export function scopedSecrets(
  find: (request: ApiRequest) => Repo | Environment,
  app: SecretApp = "actions",
): Record<"list" | "publicKey" | "get" | "put" | "remove", Handler> {
  const vault = (request: ApiRequest): SecretVault => found(find(request).secrets[app]);
  return {
    list: (request) => secretList(request, sortedByName(vault(request).secrets.values()), secretBody),
    publicKey: (request) => publicKeyResponse(request, vault(request).keyScope),
    get: (request) => ({
      status: 200,
      body: secretBody(found(vault(request).secrets.get(request.params.secret_name.toUpperCase()))),
    }),
    put: (request): ApiResponse => {
      const target = vault(request);
      const body = request.json();
      requireFields(body, ["encrypted_value", "key_id"]);
      const value = readSealedValue(request, body, target.keyScope);
      return putResponse(request.state.store.putSecret(target, request.params.secret_name, value));
    },
    remove: (request) => {
      if (!request.state.store.deleteSecret(vault(request), request.params.secret_name)) throw notFound();
      return noContent();
    },
  };
}
