import sodium from "libsodium-wrappers";

export interface KeyPair {
  keyId: string;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

/**
 * One libsodium key pair per scope (org, repository, environment, user) and app (Actions, Dependabot,
 * Codespaces: the store's `keyScope`, e.g. `dependabot/repo/octo-org/hello-world`), made on first use.
 * Key ids come from one counter so a rotated scope never gets an id back that it had before.
 * Callers must have awaited `sodium.ready`.
 */
export class KeyRing {
  private readonly pairs = new Map<string, KeyPair>();
  private lastKeyId = 100_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 1e15)) * 100n;

  pairFor(scope: string): KeyPair {
    let pair = this.pairs.get(scope);
    if (!pair) {
      const { publicKey, privateKey } = sodium.crypto_box_keypair();
      this.lastKeyId += 1n;
      pair = { keyId: String(this.lastKeyId), publicKey, privateKey };
      this.pairs.set(scope, pair);
    }
    return pair;
  }

  /** Forgets every pair; each scope gets a new pair and key id when next used. */
  rotate(): void {
    this.pairs.clear();
  }
}
