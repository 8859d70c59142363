import type { Octokit } from "@octokit/rest" with { "resolution-mode": "import" };
import { publicKeyRoute, scopeKey } from "./scope";
import type { PublicKey, Scope } from "./types";

/**
 * Each scope's public key, fetched once per provider process. Concurrent writes to one scope
 * share the same pending request.
 */
export class PublicKeyCache {
  private readonly keys = new Map<string, Promise<PublicKey>>();

  constructor(private readonly client: Octokit) {}

  get(scope: Scope): Promise<PublicKey> {
    const cacheKey = scopeKey(scope);
    let key = this.keys.get(cacheKey);
    if (!key) {
      key = this.fetch(scope);
      key.catch(() => this.keys.delete(cacheKey));
      this.keys.set(cacheKey, key);
    }
    return key;
  }

  /** The scope's key after GitHub refused `staleKeyId`: fetched again unless someone already did. */
  async refresh(scope: Scope, staleKeyId: string): Promise<PublicKey> {
    const cached = await this.get(scope);
    if (cached.keyId !== staleKeyId) return cached;
    this.keys.delete(scopeKey(scope));
    return this.get(scope);
  }

  private async fetch(scope: Scope): Promise<PublicKey> {
    const { route, params } = publicKeyRoute(scope);
    const { data } = await this.client.request(route, params);
    return { keyId: String(data.key_id), key: data.key };
  }
}
