import sodium from "libsodium-wrappers";
import type { ApiRequest, ApiResponse } from "../api-request";
import { paginate } from "../paginate";
import type { StoredSecret } from "../store";

export function secretBody(secret: StoredSecret): { name: string; created_at: string; updated_at: string } {
  return { name: secret.name, created_at: secret.createdAt, updated_at: secret.updatedAt };
}

/** `{ total_count, secrets }`, one page of `secrets` (already sorted by name). */
export function secretList<S>(request: ApiRequest, secrets: readonly S[], toBody: (secret: S) => object): ApiResponse {
  const page = paginate(secrets, request);
  return { status: 200, body: { total_count: secrets.length, secrets: page.items.map(toBody) }, headers: page.headers };
}

export function publicKeyResponse(request: ApiRequest, keyScope: string): ApiResponse {
  const pair = request.state.keys.pairFor(keyScope);
  return {
    status: 200,
    body: { key_id: pair.keyId, key: sodium.to_base64(pair.publicKey, sodium.base64_variants.ORIGINAL) },
  };
}

/** 201 with `{}` when the PUT created the secret, 204 without a body when it replaced one. */
export function putResponse(outcome: "created" | "updated"): ApiResponse {
  return outcome === "created" ? { status: 201, body: {} } : { status: 204 };
}

export function noContent(): ApiResponse {
  return { status: 204 };
}
