import type { SecretValue } from "../core/secret-value";

/**
 * Values between check() and create()/update(). The engine stores whatever check() returns, so
 * the value cannot travel in the checked inputs; it stays in this process's memory, keyed by its
 * salted fingerprint, which the checked inputs do carry.
 */
export class ValueVault {
  private readonly values = new Map<string, SecretValue>();

  keep(fingerprint: string, value: SecretValue): void {
    this.values.set(fingerprint, value);
  }

  find(fingerprint: string): SecretValue | undefined {
    return this.values.get(fingerprint);
  }
}
