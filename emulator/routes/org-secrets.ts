import type { ApiRequest, ApiResponse } from "../api-request";
import { notFound } from "../api-error";
import { type Org, type OrgSecret, sortedSecrets } from "../store";
import { findOrg, findOrgSecret } from "./find-scope";
import { readSealedValue } from "./read-sealed-value";
import { enumField, integerArrayField, requireFields } from "./request-body";
import { noContent, publicKeyResponse, putResponse, secretBody, secretList } from "./secret-responses";

export function listOrgSecrets(request: ApiRequest): ApiResponse {
  const org = findOrg(request);
  return secretList(request, sortedSecrets(org.secrets.values()), (secret) => orgSecretBody(request, org, secret));
}

export function getOrgPublicKey(request: ApiRequest): ApiResponse {
  return publicKeyResponse(request, findOrg(request).keyScope);
}

export function getOrgSecret(request: ApiRequest): ApiResponse {
  const { org, secret } = findOrgSecret(request);
  return { status: 200, body: orgSecretBody(request, org, secret) };
}

export function putOrgSecret(request: ApiRequest): ApiResponse {
  const org = findOrg(request);
  const body = request.json();
  requireFields(body, ["encrypted_value", "key_id", "visibility"]);
  const visibility = enumField(body, "visibility", ["all", "private", "selected"] as const);
  const selectedRepositoryIds = integerArrayField(body, "selected_repository_ids");
  const value = readSealedValue(request, body, org.keyScope);
  return putResponse(
    request.state.store.putOrgSecret(org, request.params.secret_name, value, visibility, selectedRepositoryIds),
  );
}

export function deleteOrgSecret(request: ApiRequest): ApiResponse {
  if (!request.state.store.deleteSecret(findOrg(request), request.params.secret_name)) throw notFound();
  return noContent();
}

/** `selected_repositories_url` only for `selected`, as GitHub sends it. */
function orgSecretBody(request: ApiRequest, org: Org, secret: OrgSecret): object {
  return {
    ...secretBody(secret),
    visibility: secret.visibility,
    ...(secret.visibility === "selected" && {
      selected_repositories_url: `${request.urls.api}/orgs/${org.login}/actions/secrets/${secret.name}/repositories`,
    }),
  };
}
