import { invalid } from "./api-error";
import type { SecretScope, Visibility } from "./fixture-types";

// Where a seed goes, found by one function for both the store (seeding and out-of-band writes) and
// fixture validation (which has no store), so that both refuse the same seeds in the same order.

/** What {@link seedTarget} reads of a seed: a {@link SecretSeed}'s or a {@link VariableSeed}'s place. */
export interface SeedPlace {
  scope: SecretScope;
  owner: string;
  repository?: string;
  environment?: string;
  visibility?: Visibility;
  selected_repository_ids?: number[];
}

/** What {@link seedTarget} names a repository by when it has no such environment. */
export interface SeedRepo {
  /** The owner's login, as the fixture spells it. */
  owner: string;
  /** The repository's name, as the fixture spells it. */
  name: string;
}

/** The case-insensitive lookups {@link seedTarget} finds a seed's holder through; the store is one. */
export interface SeedHolders<O, R extends SeedRepo, E, U> {
  /** The organization of this login. */
  org(login: string): O | undefined;
  /** The repository `owner/name`. */
  repo(owner: string, name: string): R | undefined;
  /** The repository's environment of this name. */
  environment(repo: R, name: string): E | undefined;
  /** The user of this login: every login has one, made on first use. */
  user(login: string): U;
}

/** Where a seed goes: an organization, a repository, one of its environments, or a user. */
export type SeedTarget<O, R, E, U> =
  | { scope: "org"; holder: O }
  | { scope: "repo"; holder: R }
  | { scope: "environment"; holder: E }
  | { scope: "user"; holder: U };

/**
 * Finds the holder a seed names, or refuses the seed (422). `kind` names what is seeded in the messages.
 * `visibility` is an org's only; `selected_repository_ids` an org's or (secrets) a user's.
 */
export function seedTarget<O, R extends SeedRepo, E, U>(
  seed: SeedPlace,
  holders: SeedHolders<O, R, E, U>,
  kind: "secret" | "variable",
): SeedTarget<O, R, E, U> {
  if (seed.scope === "org") {
    const org = holders.org(seed.owner);
    if (!org) throw invalid(`No organization ${JSON.stringify(seed.owner)} in the fixture`);
    return { scope: "org", holder: org };
  }
  if (seed.scope === "user") {
    if (seed.visibility !== undefined) throw invalid(`visibility applies to org ${kind}s only`);
    return { scope: "user", holder: holders.user(seed.owner) };
  }
  if (seed.visibility !== undefined || seed.selected_repository_ids !== undefined) {
    throw invalid(`visibility and selected_repository_ids apply to org ${kind}s only`);
  }
  const repo = holders.repo(seed.owner, seed.repository ?? "");
  if (!repo) throw invalid(`No repository ${JSON.stringify(`${seed.owner}/${seed.repository ?? ""}`)} in the fixture`);
  if (seed.scope === "repo") return { scope: "repo", holder: repo };
  const env = holders.environment(repo, seed.environment ?? "");
  if (!env) throw invalid(`No environment ${JSON.stringify(seed.environment ?? "")} in ${repo.owner}/${repo.name}`);
  return { scope: "environment", holder: env };
}

/**
 * The visibility an org seed's secret or variable gets: the seed's, else the existing one's, else `private`,
 * so that a repeated seed can keep an earlier one's `selected`.
 */
export function seedVisibility(seed: SeedPlace, existing: { visibility: Visibility } | undefined): Visibility {
  return seed.visibility ?? existing?.visibility ?? "private";
}
