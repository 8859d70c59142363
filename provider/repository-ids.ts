import type { Octokit } from "@octokit/rest" with { "resolution-mode": "import" };
import { apiError, statusOf } from "./errors";
import { shown, type InputProblem } from "../core/input-problems";
import { fieldsOf, type Answer } from "./read-answer";
import { isUnknown } from "../core/validate";
import type { RepositoryRef } from "../core/repository-ref";
import { ROUTES } from "./routes";

/**
 * Validates a list of repositories given by id or `owner/name` for an organization secret, and
 * normalizes it: ids as numbers, names lower-cased (GitHub's names are case-insensitive).
 */
export function checkRepositoryRefs(
  field: string,
  refs: unknown,
  org: unknown,
  problems: InputProblem[],
): RepositoryRef[] | undefined {
  if (refs === undefined || refs === null) return undefined;
  if (!Array.isArray(refs)) {
    problems.push({ field, reason: "must be a list of repository ids or `owner/name` strings." });
    return undefined;
  }
  const normalized: RepositoryRef[] = [];
  (refs as unknown[]).forEach((ref, index) => {
    const at = `${field}[${index}]`;
    if (isUnknown(ref)) return void normalized.push(ref as string);
    if (typeof ref === "number" || (typeof ref === "string" && /^\d+$/.test(ref))) {
      const id = Number(ref);
      if (Number.isSafeInteger(id) && id > 0) return void normalized.push(id);
      return void problems.push({ field: at, reason: `${ref} is not a repository id (a positive whole number).` });
    }
    const match = typeof ref === "string" ? /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(ref) : null;
    if (!match) {
      const hint =
        typeof org === "string" && typeof ref === "string" && /^[A-Za-z0-9._-]+$/.test(ref)
          ? ` e.g. "${org}/${ref}"`
          : "";
      return void problems.push({
        field: at,
        reason: `"${shown(ref)}" is neither a repository id nor \`owner/name\`; give one of them,${hint || ' e.g. 1296269 or "octo-org/hello-world"'}.`,
      });
    }
    if (typeof org === "string" && !isUnknown(org) && match[1].toLowerCase() !== org.toLowerCase()) {
      return void problems.push({
        field: at,
        reason: `"${shown(ref)}" belongs to ${match[1]}, not to the organization ${org}; only the organization's own repositories can see its secrets.`,
      });
    }
    normalized.push((ref as string).toLowerCase());
  });
  return [...new Set(normalized)];
}

/**
 * `owner/name` → id with GET /repos/{owner}/{repo}, each name once per provider process. Ids are
 * what GitHub stores and what the state keeps, so a later rename of a repository is harmless.
 */
export class RepositoryIds {
  private readonly ids = new Map<string, Promise<number>>();

  constructor(private readonly client: Octokit) {}

  async resolve(
    refs: RepositoryRef[],
    label: string,
    field: string,
  ): Promise<{ ids: number[]; byName: Record<string, number> }> {
    const byName: Record<string, number> = {};
    const ids = await Promise.all(
      refs.map(async (ref) => {
        if (typeof ref === "number") return ref;
        const id = await this.idOf(ref, label, field);
        byName[ref] = id;
        return id;
      }),
    );
    return { ids: [...new Set(ids)].sort((a, b) => a - b), byName };
  }

  private idOf(fullName: string, label: string, field: string): Promise<number> {
    let id = this.ids.get(fullName);
    if (id === undefined) {
      id = this.lookUp(fullName, label, field);
      id.catch(() => this.ids.delete(fullName));
      this.ids.set(fullName, id);
    }
    return id;
  }

  private async lookUp(fullName: string, label: string, field: string): Promise<number> {
    const [owner, repo] = fullName.split("/");
    try {
      const answer = (await this.client.request(ROUTES.repository, { owner, repo })) as Answer;
      return fieldsOf(answer, answer.data, "the repository").positiveInteger("id");
    } catch (error) {
      if (statusOf(error) === 404) {
        throw new Error(
          `${label}: ${field} names "${fullName}", which GitHub does not know or the token cannot see; check the name, or give the repository's id.`,
        );
      }
      throw apiError(error, label, `looking up the repository ${fullName}`, "the repository");
    }
  }
}

/** The ids a list of refs stands for, using names resolved before; undefined if a name is new. */
export function knownIds(refs: RepositoryRef[], byName: Record<string, number> | undefined): number[] | undefined {
  const ids: number[] = [];
  for (const ref of refs) {
    const id = typeof ref === "number" ? ref : byName?.[ref];
    if (id === undefined) return undefined;
    ids.push(id);
  }
  return [...new Set(ids)].sort((a, b) => a - b);
}

export function sameIds(a: number[] | undefined, b: number[] | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((id, i) => id === b[i]);
}
