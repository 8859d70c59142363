/** One HTTP date, as in a `Date` header: `Tue, 01 Dec 2026 01:00:00 GMT`. */
const HTTP_DATE = /(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT/g;

/**
 * The latest readable time in a `Date` header, or undefined. A proxy that passes GitHub's `Date`
 * on beside its own makes two headers, which `fetch` joins into one string with a comma; the later
 * of the two is taken, since a time too early would make GitHub's own `updated_at` for the write
 * look like a change by someone else.
 */
function latestDate(header: unknown): number | undefined {
  if (typeof header !== "string") return undefined;
  const times = (header.match(HTTP_DATE) ?? []).map((text) => Date.parse(text)).filter((t) => Number.isFinite(t));
  return times.length > 0 ? Math.max(...times) : undefined;
}

function toSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * GitHub's clock as this process sees it: each readable `Date` header of an answer gives the
 * offset between GitHub's clock and this machine's. A write's time is its answer's `Date`; when
 * that is missing or unreadable, this machine's clock moved by the last offset seen (by none, if
 * no answer had a readable `Date`). Nothing about a header can fail a write.
 */
export class GitHubClock {
  private offsetMs = 0;

  /** Notes GitHub's time from an answer's `Date` header, if it has a readable one. */
  observe(dateHeader: unknown): void {
    const time = latestDate(dateHeader);
    // Date headers have whole seconds: the answer was sent within the second after.
    if (time !== undefined) this.offsetMs = time + 500 - Date.now();
  }

  /** GitHub's time of an answer, to the second (ISO 8601), from its `Date` header or estimated. */
  timeOf(dateHeader: unknown): string {
    return toSeconds(latestDate(dateHeader) ?? Date.now() + this.offsetMs);
  }
}
