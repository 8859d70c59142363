import type { FixtureOrg, FixtureRepo, SecretScope, SecretSeed, Visibility } from "./fixture-types";
import { checkOrgRepositoryIds, checkSecretWrite, checkSelectionAllowed } from "./secret-rules";
import { type SeedHolders, seedTarget } from "./seed-target";

// Fixture validation may not build a store (the store is built from the fixture's types, and a
// validation that imports it makes an import loop), so the seeds are played against plain holders
// that keep only what the store's rules read: each holder's secret names, and org secrets' visibility.

/** `V` is what is kept of each secret: nothing but its name, save an org secret's visibility. */
interface PlainHolder<V = true> {
  scope: SecretScope;
  /** By upper-cased name, as the store keys them. */
  secrets: Map<string, V>;
}

interface PlainOrg extends PlainHolder<{ visibility: Visibility }> {
  scope: "org";
  login: string;
  /** The ids of the fixture's repositories this organization owns, which a selection may name. */
  repositoryIds: Set<number>;
}

interface PlainRepo extends PlainHolder {
  scope: "repo";
  owner: string;
  name: string;
  environments: Map<string, PlainHolder>;
}

/**
 * Refuses the first seed that seeding a store with the fixture's `orgs` and `repos` would refuse, with
 * the store's message after `secrets[i]: `: an unknown organization, repository or environment,
 * `visibility` or a selection on a repository or environment secret, a selection outside the
 * organization or without visibility `selected`, an invalid name, a value over 48 KB, or more secrets
 * than GitHub allows in one place. The seeds before it count, as they would in the store: a repeated
 * name updates rather than adds, and keeps an org secret's visibility when the repeat gives none.
 */
export function checkSeeds(
  orgs: readonly FixtureOrg[],
  repos: readonly FixtureRepo[],
  seeds: readonly SecretSeed[],
): void {
  const plainOrgs = new Map<string, PlainOrg>();
  for (const { login } of orgs) {
    const repositoryIds = new Set(
      repos.filter((repo) => repo.owner.toLowerCase() === login.toLowerCase()).map((repo) => repo.id),
    );
    plainOrgs.set(login.toLowerCase(), { scope: "org", login, repositoryIds, secrets: new Map() });
  }
  const plainRepos = new Map<string, PlainRepo>();
  for (const { owner, name, environments = [] } of repos) {
    const plainEnvironments = new Map<string, PlainHolder>(
      environments.map((env) => [env.toLowerCase(), { scope: "environment", secrets: new Map() }]),
    );
    plainRepos.set(`${owner}/${name}`.toLowerCase(), {
      scope: "repo",
      owner,
      name,
      environments: plainEnvironments,
      secrets: new Map(),
    });
  }
  const holders: SeedHolders<PlainOrg, PlainRepo, PlainHolder> = {
    org: (login) => plainOrgs.get(login.toLowerCase()),
    repo: (owner, name) => plainRepos.get(`${owner}/${name}`.toLowerCase()),
    environment: (repo, name) => repo.environments.get(name.toLowerCase()),
  };
  seeds.forEach((seed, i) => {
    try {
      const value = Buffer.from(seed.value, "utf8");
      const target = seedTarget(seed, holders);
      // The same checks in the same order as the store's `putOrgSecret` and `putSecret`.
      if (target.scope === "org") {
        const { org, visibility } = target;
        checkSelectionAllowed(visibility, seed.selected_repository_ids);
        if (seed.selected_repository_ids)
          checkOrgRepositoryIds(org.login, org.repositoryIds, seed.selected_repository_ids);
        checkSecretWrite(org, seed.name, value);
        org.secrets.set(seed.name.toUpperCase(), { visibility });
      } else {
        checkSecretWrite(target.holder, seed.name, value);
        target.holder.secrets.set(seed.name.toUpperCase(), true);
      }
    } catch (error) {
      throw new Error(`secrets[${i}]: ${(error as Error).message}`);
    }
  });
}
