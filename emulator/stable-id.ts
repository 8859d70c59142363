/**
 * A positive 31-bit integer derived from `text` (FNV-1a), for ids the fixture does not give
 * (user owners, environments) so that they stay the same across resets and restarts.
 */
export function stableId(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, "utf8")) {
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  return hash >>> 1 || 1;
}
