import type { Octokit } from "@octokit/rest" with { "resolution-mode": "import" };
import { sample } from "./errors";
import { fieldsOf, unreadable, type Answer, type AnswerFields } from "./read-answer";
import type { Route } from "./routes";

/**
 * Every item of a paginated list, each read with `readItem`. Octokit follows the `link` header's
 * `rel="next"`; a link it cannot read would end the list early without a word, so the items are
 * counted against the list's own `total_count` and a shortfall is an unreadable answer rather than
 * a shorter list (a secret missing from a lookup, or drift that is not there).
 */
export async function listAll<T>(
  client: Octokit,
  { route, params }: Route,
  noun: string,
  readItem: (item: AnswerFields) => T,
): Promise<T[]> {
  const items: T[] = [];
  let last: Answer | undefined;
  let total: unknown;
  for await (const page of client.paginate.iterator(route, { ...params, per_page: 100 })) {
    last = page;
    if (!Array.isArray(page.data)) throw unreadable(last, `the page of ${noun} is not a list`);
    total = (page.data as { total_count?: unknown }).total_count;
    for (const item of page.data) items.push(readItem(fieldsOf(last, item, `one of the ${noun}`)));
  }
  if (last && typeof total === "number" && items.length < total) {
    const link = typeof last.headers.link === "string" ? `"${sample(last.headers.link, 40)}"` : "missing";
    throw unreadable(
      last,
      `GitHub counts ${total} ${noun} but its pages held ${items.length}; the link to the next page is ${link}`,
    );
  }
  return items;
}
