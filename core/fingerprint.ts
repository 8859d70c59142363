import { createHmac, randomBytes } from "node:crypto";

const PREFIX = "hmac-sha256:";

/** A fresh per-resource salt, so equal values in two resources never share a fingerprint. */
export function newSalt(): string {
  return randomBytes(32).toString("base64");
}

/** What the state keeps instead of a value: HMAC-SHA-256 keyed with the resource's salt. */
export function fingerprint(value: string, salt: string): string {
  return PREFIX + createHmac("sha256", Buffer.from(salt, "base64")).update(value, "utf8").digest("base64");
}
