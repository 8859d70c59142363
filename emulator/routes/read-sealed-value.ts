import sodium from "libsodium-wrappers";
import type { ApiRequest } from "../api-request";
import { invalid } from "../api-error";
import { stringField } from "./request-body";

/** The `encrypted_value` pattern of GitHub's OpenAPI description: standard base64 with padding. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;

/**
 * Opens `encrypted_value` with the scope's current key pair. A `key_id` other than the current
 * one (a stale key after rotation, another scope's key) is answered like a value that does not
 * decrypt, since GitHub cannot open it either. `encrypted_value` and `key_id` must be present.
 */
export function readSealedValue(request: ApiRequest, body: Record<string, unknown>, keyScope: string): Buffer {
  const encrypted = stringField(body, "encrypted_value");
  const keyId = stringField(body, "key_id");
  if (!BASE64.test(encrypted))
    throw invalid(`Invalid request.\n\n${JSON.stringify(encrypted)} does not match /${BASE64.source}/.`);
  const improperlyEncrypted = invalid("Bad request - validation failed due to an improperly encrypted secret");
  const pair = request.state.keys.pairFor(keyScope);
  if (keyId !== pair.keyId) throw improperlyEncrypted;
  try {
    return Buffer.from(sodium.crypto_box_seal_open(Buffer.from(encrypted, "base64"), pair.publicKey, pair.privateKey));
  } catch {
    throw improperlyEncrypted;
  }
}
