/** GitHub's timestamps carry whole seconds: `2019-08-10T14:59:22Z`. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Now, or one second after `previous` when now would not be later: two writes within
 * the same second must still show as a change to clients that compare `updated_at`.
 */
export function nextTimestamp(previous?: string): string {
  const now = Math.floor(Date.now() / 1000) * 1000;
  const after = previous === undefined ? now : Date.parse(previous) + 1000;
  return isoSeconds(new Date(Math.max(now, after)));
}
