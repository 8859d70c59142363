import { apiError, CONCERNING, githubMessage, statusOf } from "./errors";
import { deleteItem, readItem } from "./item-requests";
import type { AnswerFields } from "./read-answer";
import { missingScope } from "./missing-scope";
import { seal } from "../core/seal";
import { secretRoute } from "./routes";
import type { ProviderContext } from "./context";
import { appOf, type Scope } from "../core/scope";
import type { SecretValue } from "../core/secret-value";

/** What a write tells: whether it created the secret, and GitHub's clock when it answered. */
export interface Written {
  created: boolean;
  /** ISO 8601 to the second, from the answer's Date header: no later than the secret's updated_at. */
  at: string;
}

/** What a scope's requests concern, for the advice on a refusal: its application's secrets. */
function concerning(scope: Scope) {
  return CONCERNING[appOf(scope)];
}

/** A write GitHub accepted: nothing in its answer can fail it now, the Date header least of all. */
function written(context: ProviderContext, response: { status: number; headers: Record<string, unknown> }): Written {
  return { created: response.status === 201, at: context.clock.timeOf(response.headers.date) };
}

/** GitHub refused a sealed value because of its key (rotated since it was fetched), not for another reason such as a full scope. */
function refusedForKey(error: unknown): boolean {
  return statusOf(error) === 422 && /encrypt|key/i.test(githubMessage(error as object));
}

/**
 * Seals and PUTs a value: the one request a write costs. A plaintext is sealed with the scope's
 * cached key; if GitHub refuses the key (rotated since it was fetched), the key is fetched again
 * once and the value resealed. No read follows: GitHub's answer says all a state needs, and a read
 * right after a write may not see it yet.
 */
export async function writeSecret(
  context: ProviderContext,
  scope: Scope,
  secretName: string,
  value: SecretValue,
  extraBody: Record<string, unknown>,
  label: string,
): Promise<Written> {
  const { route, params } = secretRoute("PUT", scope, secretName);
  const put = async (encrypted_value: string, key_id: string) =>
    written(context, await context.client.request(route, { ...params, ...extraBody, encrypted_value, key_id }));
  const failed = (error: unknown) =>
    apiError(error, label, "writing the secret", "the scope or the secret", concerning(scope));
  if (value.kind === "sealed") {
    return put(value.encryptedValue, value.keyId).catch((error) => {
      if (!refusedForKey(error)) throw failed(error);
      throw new Error(
        `${label}: GitHub refused encryptedValue: it was not sealed for the current public key (keyId "${value.keyId}"). Seal the value again for the key that \`getPublicKey\` or GitHub's public-key endpoint returns now, and update keyId.`,
      );
    });
  }
  let key = await context.publicKeys.get(scope).catch(async (error) => {
    const subject = statusOf(error) === 404 ? await missingScope(context, scope) : "the scope";
    throw apiError(error, label, "fetching the public key", subject, concerning(scope));
  });
  try {
    return await put(await seal(key.key, value.plaintext), key.keyId);
  } catch (error) {
    if (!refusedForKey(error)) throw failed(error);
    const fresh = await context.publicKeys.refresh(scope, key.keyId);
    if (fresh.keyId === key.keyId) throw failed(error);
    key = fresh;
    return put(await seal(key.key, value.plaintext), key.keyId).catch((retryError) => {
      throw failed(retryError);
    });
  }
}

/** What GitHub tells of a secret (never its value). */
export interface SecretOnGitHub {
  createdAt: string;
  updatedAt: string;
  /** Organization secrets only. */
  visibility?: (typeof VISIBILITIES)[number];
}

/** Organization secrets' visibilities. */
export const VISIBILITIES = ["all", "private", "selected"] as const;

/** A secret as GitHub describes it in a read or a list, each field checked. */
export function secretOnGitHub(fields: AnswerFields): SecretOnGitHub {
  const visibility = fields.optionalOneOf("visibility", VISIBILITIES);
  return {
    createdAt: fields.timestamp("created_at"),
    updatedAt: fields.timestamp("updated_at"),
    ...(visibility && { visibility }),
  };
}

/**
 * GitHub's view of a secret, or undefined when it does not exist (asked again a few times within a minute of
 * Pulumi's own write, `writtenAt`: see `readItem`).
 */
export async function readSecret(
  context: ProviderContext,
  scope: Scope,
  secretName: string,
  label: string,
  writtenAt?: string,
): Promise<SecretOnGitHub | undefined> {
  const failed = (error: unknown) => apiError(error, label, "reading the secret", "the scope", concerning(scope));
  return readItem(context, secretRoute("GET", scope, secretName), "the secret", secretOnGitHub, failed, writtenAt);
}

/** Deletes a secret; one that is already gone counts as deleted. */
export async function deleteSecret(
  context: ProviderContext,
  scope: Scope,
  secretName: string,
  label: string,
): Promise<void> {
  const failed = (error: unknown) => apiError(error, label, "deleting the secret", "the scope", concerning(scope));
  await deleteItem(context, secretRoute("DELETE", scope, secretName), failed);
}
