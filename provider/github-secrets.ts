import { apiError, statusOf } from "./errors";
import { missingScope } from "./missing-scope";
import { seal } from "./seal";
import { secretRoute } from "./scope";
import type { ProviderContext, Scope, SecretValue } from "./types";

/**
 * Seals and PUTs a value. A plaintext is sealed with the scope's cached key; if GitHub refuses
 * the key (rotated since it was fetched), the key is fetched again once and the value resealed.
 */
export async function writeSecret(
  context: ProviderContext,
  scope: Scope,
  secretName: string,
  value: SecretValue,
  extraBody: Record<string, unknown>,
  label: string,
): Promise<void> {
  const { route, params } = secretRoute("PUT", scope, secretName);
  const put = (encrypted_value: string, key_id: string) =>
    context.client.request(route, { ...params, ...extraBody, encrypted_value, key_id });
  const failed = (error: unknown) => apiError(error, label, "writing the secret", "the scope or the secret");
  if (value.kind === "sealed") {
    await put(value.encryptedValue, value.keyId).catch((error) => {
      if (statusOf(error) !== 422) throw failed(error);
      throw new Error(`${label}: GitHub refused encryptedValue: it was not sealed for the current public key (keyId "${value.keyId}"). Seal the value again for the key that \`pulumi-github-secrets\` lookups or GitHub's public-key endpoint return now, and update keyId.`);
    });
    return;
  }
  let key = await context.publicKeys.get(scope).catch(async (error) => {
    const subject = statusOf(error) === 404 ? await missingScope(context, scope) : "the scope";
    throw apiError(error, label, "fetching the public key", subject);
  });
  try {
    await put(await seal(key.key, value.plaintext), key.keyId);
  } catch (error) {
    if (statusOf(error) !== 422) throw failed(error);
    const fresh = await context.publicKeys.refresh(scope, key.keyId);
    if (fresh.keyId === key.keyId) throw failed(error);
    key = fresh;
    await put(await seal(key.key, value.plaintext), key.keyId).catch((retryError) => {
      throw failed(retryError);
    });
  }
}

/** What GitHub tells of a secret (never its value). */
export interface SecretOnGitHub {
  createdAt: string;
  updatedAt: string;
  /** Organization secrets only. */
  visibility?: string;
}

/** GitHub's view of a secret, or undefined when it does not exist. */
export async function readSecret(context: ProviderContext, scope: Scope, secretName: string, label: string): Promise<SecretOnGitHub | undefined> {
  const { route, params } = secretRoute("GET", scope, secretName);
  try {
    const { data } = await context.client.request(route, params);
    return { createdAt: data.created_at, updatedAt: data.updated_at, ...(data.visibility && { visibility: data.visibility }) };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw apiError(error, label, "reading the secret", "the scope");
  }
}

/** Deletes a secret; one that is already gone counts as deleted. */
export async function deleteSecret(context: ProviderContext, scope: Scope, secretName: string, label: string): Promise<void> {
  const { route, params } = secretRoute("DELETE", scope, secretName);
  try {
    await context.client.request(route, params);
  } catch (error) {
    if (statusOf(error) === 404) return;
    throw apiError(error, label, "deleting the secret", "the scope");
  }
}
