import type { ApiRequest, ApiResponse, Handler } from "../api-request";
import { found, notFound } from "../api-error";
import { type Environment, type Repo, sortedSecrets } from "../store";
import { readSealedValue } from "./read-sealed-value";
import { requireFields } from "./request-body";
import { noContent, publicKeyResponse, putResponse, secretBody, secretList } from "./secret-responses";

/**
 * The five secret operations of a repository or an environment, which differ only in
 * where the secrets live (`find`).
 */
export function scopedSecrets(
  find: (request: ApiRequest) => Repo | Environment,
): Record<"list" | "publicKey" | "get" | "put" | "remove", Handler> {
  return {
    list: (request) => secretList(request, sortedSecrets(find(request).secrets.values()), secretBody),
    publicKey: (request) => publicKeyResponse(request, find(request).keyScope),
    get: (request) => ({
      status: 200,
      body: secretBody(found(find(request).secrets.get(request.params.secret_name.toUpperCase()))),
    }),
    put: (request): ApiResponse => {
      const holder = find(request);
      const body = request.json();
      requireFields(body, ["encrypted_value", "key_id"]);
      const value = readSealedValue(request, body, holder.keyScope);
      return putResponse(request.state.store.putSecret(holder, request.params.secret_name, value));
    },
    remove: (request) => {
      if (!request.state.store.deleteSecret(find(request), request.params.secret_name)) throw notFound();
      return noContent();
    },
  };
}
