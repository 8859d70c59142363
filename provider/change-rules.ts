import { DRIFT_POLICIES, type DriftPolicy } from "../core/drift-policy";
import { shown, type InputProblem } from "../core/input-problems";
import { isUnknown } from "../core/validate";
import type { RawInputs } from "./types";

// The change rules every resource with a value follows (secrets and variables alike): what replaces, what is no
// change, the drift policy, and the check of the `import` option against the inputs.

/** GitHub's names are case-insensitive: a change of case alone is no change. */
export function sameName(a: unknown, b: unknown): boolean {
  return typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The `onDrift` input, checked (default `overwrite`); a problem is pushed for anything else. */
export function checkPolicy(news: RawInputs, problems: InputProblem[]): { onDrift: DriftPolicy } {
  const onDrift = news.onDrift ?? "overwrite";
  if (!isUnknown(onDrift) && !DRIFT_POLICIES.includes(onDrift as DriftPolicy)) {
    problems.push({
      field: "onDrift",
      reason: `is "${shown(onDrift)}"; give one of ${DRIFT_POLICIES.map((p) => `"${p}"`).join(", ")}.`,
    });
  }
  return { onDrift: onDrift as DriftPolicy };
}

/**
 * The SDK turns the `import` resource option into `importId`, because the engine's own import cannot reach a
 * dynamic provider. The ID must name the item the inputs name (`expected`, computed once the identity is known).
 */
export function checkImportId(
  news: RawInputs,
  identity: readonly string[],
  expected: () => string,
  noun: string,
  problems: InputProblem[],
): { importId?: string } {
  if (news.importId === undefined || isUnknown(news.importId)) return {};
  if (identity.every((field) => !isUnknown(news[field]))) {
    const id = expected();
    if (shown(news.importId).toLowerCase() !== id.toLowerCase()) {
      problems.push({
        field: "import",
        reason: `is "${shown(news.importId)}", but these inputs name "${id}"; give that ID, or change the inputs to match the ${noun} to import.`,
      });
    }
  }
  return { importId: shown(news.importId) };
}

/**
 * The identity fields that changed other than in case: a replacement that deletes first, since old and new may be
 * the same item (a rename back, a move and back), and the delete must not remove what the create just wrote.
 */
export function identityReplaces<T extends object>(
  identity: ReadonlyArray<keyof T & string>,
  olds: T,
  news: T,
): { changes: true; replaces: string[]; deleteBeforeReplace: true } | undefined {
  const replaces = identity.filter((field) => !sameName(olds[field], news[field]));
  return replaces.length > 0 ? { changes: true, replaces, deleteBeforeReplace: true } : undefined;
}

/** Whether a refresh's drift makes the next update write (every policy but `ignore`; `fail` then refuses). */
export function drifted(olds: { drift?: string }, news: { onDrift: DriftPolicy }): boolean {
  return Boolean(olds.drift) && news.onDrift !== "ignore";
}
