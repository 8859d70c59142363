import { statusOf } from "./errors";
import { fieldsOf, type Answer, type AnswerFields } from "./read-answer";
import type { ProviderContext } from "./context";
import type { Route } from "./routes";

// The read and the delete of one item, a secret or a variable: the same rules for both.

export const READ_DEFAULTS = {
  /** How long after a write a 404 may be GitHub not showing the write yet, rather than a deletion. */
  settleMs: 60_000,
  /** The waits before asking again, while a fresh write may still be settling. */
  retryDelaysMs: [250, 1000, 2000],
};

/**
 * GitHub's view of an item (`GET route`, its answer read by `parse`), or undefined when it does not exist. A 404
 * within a minute of Pulumi's own write (`writtenAt`) is asked again a few times first: GitHub's reads can lag its
 * writes, and an item must not be dropped from the state for that. `failed` words any other failure.
 */
export async function readItem<T>(
  context: ProviderContext,
  { route, params }: Route,
  what: string,
  parse: (fields: AnswerFields) => T,
  failed: (error: unknown) => Error,
  writtenAt?: string,
): Promise<T | undefined> {
  const fresh = writtenAt !== undefined && Date.now() - Date.parse(writtenAt) < READ_DEFAULTS.settleMs;
  for (const delay of [0, ...(fresh ? READ_DEFAULTS.retryDelaysMs : [])]) {
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    let answer: Answer;
    try {
      answer = (await context.client.request(route, params)) as Answer;
    } catch (error) {
      if (statusOf(error) !== 404) throw failed(error);
      continue;
    }
    try {
      return parse(fieldsOf(answer, answer.data, what));
    } catch (error) {
      throw failed(error);
    }
  }
  return undefined;
}

/** Deletes an item (`DELETE route`); one that is already gone counts as deleted. */
export async function deleteItem(
  context: ProviderContext,
  { route, params }: Route,
  failed: (error: unknown) => Error,
): Promise<void> {
  try {
    await context.client.request(route, params);
  } catch (error) {
    if (statusOf(error) === 404) return;
    throw failed(error);
  }
}
