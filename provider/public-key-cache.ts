import type { Octokit } from "@octokit/rest" with { "resolution-mode": "import" };
import { fieldsOf, unreadable, type Answer } from "./read-answer";
import { scopeKey, type Scope } from "../core/scope";
import { publicKeyRoute } from "./routes";
import type { PublicKey } from "../core/lookup-results";

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
    const answer = (await this.client.request(route, params)) as Answer;
    const fields = fieldsOf(answer, answer.data, "the public key");
    const keyId = fields.idText("key_id");
    const key = fields.text("key");
    // libsodium would refuse a key of another length only when sealing, as "invalid input".
    if (!/^[A-Za-z0-9+/]{43}=$/.test(key))
      throw unreadable(answer, `the public key's key is not 32 bytes in base64 (${key.length} characters)`);
    return { keyId, key };
  }
}
