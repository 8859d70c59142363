import { invalid } from "./api-error";
import type { SecretSeed, Visibility } from "./fixture-types";

// Where a seed goes, found by one function for both the store (seeding and out-of-band writes) and
// fixture validation (which has no store), so that both refuse the same seeds in the same order.

/** What {@link seedTarget} reads of an organization: its secrets' visibilities, by upper-cased name. */
export interface SeedOrg {
  /** Its secrets, by upper-cased name. */
  secrets: ReadonlyMap<string, { visibility: Visibility }>;
}

/** What {@link seedTarget} names a repository by when it has no such environment. */
export interface SeedRepo {
  /** The owner's login, as the fixture spells it. */
  owner: string;
  /** The repository's name, as the fixture spells it. */
  name: string;
}

/** The case-insensitive lookups {@link seedTarget} finds a seed's holder through; the store is one. */
export interface SeedHolders<O extends SeedOrg, R extends SeedRepo, E> {
  /** The organization of this login. */
  org(login: string): O | undefined;
  /** The repository `owner/name`. */
  repo(owner: string, name: string): R | undefined;
  /** The repository's environment of this name. */
  environment(repo: R, name: string): E | undefined;
}

/**
 * Where a seed goes: an organization, with the visibility its secret gets, or a repository or
 * one of its environments.
 */
export type SeedTarget<O, R, E> =
  { scope: "org"; org: O; visibility: Visibility } | { scope: "repo" | "environment"; holder: R | E };

/**
 * Finds the holder a seed names, or refuses the seed (422). An org secret's visibility is the seed's,
 * else the existing secret's, else `private`, so a repeated seed can keep an earlier one's `selected`.
 */
export function seedTarget<O extends SeedOrg, R extends SeedRepo, E>(
  seed: SecretSeed,
  holders: SeedHolders<O, R, E>,
): SeedTarget<O, R, E> {
  if (seed.scope === "org") {
    const org = holders.org(seed.owner);
    if (!org) throw invalid(`No organization ${JSON.stringify(seed.owner)} in the fixture`);
    return {
      scope: "org",
      org,
      visibility: seed.visibility ?? org.secrets.get(seed.name.toUpperCase())?.visibility ?? "private",
    };
  }
  if (seed.visibility !== undefined || seed.selected_repository_ids !== undefined) {
    throw invalid("visibility and selected_repository_ids apply to org secrets only");
  }
  const repo = holders.repo(seed.owner, seed.repository ?? "");
  if (!repo) throw invalid(`No repository ${JSON.stringify(`${seed.owner}/${seed.repository ?? ""}`)} in the fixture`);
  if (seed.scope === "repo") return { scope: "repo", holder: repo };
  const env = holders.environment(repo, seed.environment ?? "");
  if (!env) throw invalid(`No environment ${JSON.stringify(seed.environment ?? "")} in ${repo.owner}/${repo.name}`);
  return { scope: "environment", holder: env };
}
