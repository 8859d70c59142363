import type {
  FixtureOrg,
  FixtureRepo,
  SecretApp,
  SecretScope,
  SecretSeed,
  VariableScope,
  VariableSeed,
  Visibility,
} from "./fixture-types";
import {
  checkAppScope,
  checkOrgRepositoryIds,
  checkSecretWrite,
  checkSelectionAllowed,
  checkUserRepositoryIds,
  checkVariableWrite,
} from "./secret-rules";
import { type SeedHolders, seedTarget, seedVisibility } from "./seed-target";

// Fixture validation does not build a store (it would validate the fixture by the very code it checks
// the fixture for), so the seeds are played against plain holders that keep only what the store's rules
// read: each vault's names, and org secrets' and org variables' visibility.

/** What is kept of an org item: its visibility. */
interface Reach {
  visibility: Visibility;
}

/** One app's secrets in one scope, by upper-cased name, as the store keys them. */
interface PlainVault<V = true> {
  scope: SecretScope;
  secrets: Map<string, V>;
}

interface PlainVariables<V = true> {
  scope: VariableScope;
  variables: Map<string, V>;
}

interface PlainHolder<V = true> {
  secrets: Partial<Record<SecretApp, PlainVault<V>>>;
  variables: PlainVariables<V>;
}

interface PlainOrg extends PlainHolder<Reach> {
  login: string;
  /** The ids of the fixture's repositories this organization owns, which a selection may name. */
  repositoryIds: Set<number>;
}

interface PlainRepo extends PlainHolder {
  owner: string;
  name: string;
  environments: Map<string, PlainHolder>;
}

interface PlainUser {
  secrets: Partial<Record<SecretApp, PlainVault>>;
}

function plainVaults<V>(apps: readonly SecretApp[], scope: SecretScope): Partial<Record<SecretApp, PlainVault<V>>> {
  return Object.fromEntries(apps.map((app) => [app, { scope, secrets: new Map<string, V>() }]));
}

/**
 * Refuses the first seed that seeding a store with the fixture's `orgs` and `repos` would refuse, with
 * the store's message after `secrets[i]: ` or `variables[i]: `: an app in a scope it has no secrets in,
 * an unknown organization, repository or environment, `visibility` or a selection on a repository or
 * environment item, a selection outside the organization (or, for a user secret, the fixture) or without
 * visibility `selected`, an invalid name, a value over 48 KB, or more secrets or variables than GitHub
 * allows in one place. The seeds before it count, as they would in the store: a repeated name updates
 * rather than adds, and keeps an org item's visibility when the repeat gives none. Secrets are seeded
 * before variables, as the store seeds them.
 */
export function checkSeeds(
  orgs: readonly FixtureOrg[],
  repos: readonly FixtureRepo[],
  seeds: readonly SecretSeed[],
  variableSeeds: readonly VariableSeed[] = [],
): void {
  const plainOrgs = new Map<string, PlainOrg>();
  for (const { login } of orgs) {
    const repositoryIds = new Set(
      repos.filter((repo) => repo.owner.toLowerCase() === login.toLowerCase()).map((repo) => repo.id),
    );
    plainOrgs.set(login.toLowerCase(), {
      login,
      repositoryIds,
      secrets: plainVaults(["actions", "dependabot", "codespaces"], "org"),
      variables: { scope: "org", variables: new Map() },
    });
  }
  const plainRepos = new Map<string, PlainRepo>();
  for (const { owner, name, environments = [] } of repos) {
    const plainEnvironments = new Map<string, PlainHolder>(
      environments.map((env) => [
        env.toLowerCase(),
        { secrets: plainVaults(["actions"], "environment"), variables: { scope: "environment", variables: new Map() } },
      ]),
    );
    plainRepos.set(`${owner}/${name}`.toLowerCase(), {
      owner,
      name,
      environments: plainEnvironments,
      secrets: plainVaults(["actions", "dependabot", "codespaces"], "repo"),
      variables: { scope: "repo", variables: new Map() },
    });
  }
  const allRepositoryIds = new Set(repos.map((repo) => repo.id));
  const plainUsers = new Map<string, PlainUser>();
  const holders: SeedHolders<PlainOrg, PlainRepo, PlainHolder, PlainUser> = {
    org: (login) => plainOrgs.get(login.toLowerCase()),
    repo: (owner, name) => plainRepos.get(`${owner}/${name}`.toLowerCase()),
    environment: (repo, name) => repo.environments.get(name.toLowerCase()),
    user: (login) => {
      let user = plainUsers.get(login.toLowerCase());
      if (!user) plainUsers.set(login.toLowerCase(), (user = { secrets: plainVaults(["codespaces"], "user") }));
      return user;
    },
  };
  seeds.forEach((seed, i) => {
    try {
      const app = seed.app ?? "actions";
      checkAppScope(app, seed.scope);
      const value = Buffer.from(seed.value, "utf8");
      const target = seedTarget(seed, holders, "secret");
      const key = seed.name.toUpperCase();
      // The same checks in the same order as the store's `putOrgSecret`, `putUserSecret` and `putSecret`.
      if (target.scope === "org") {
        const { holder: org } = target;
        const vault = org.secrets[app]!;
        const visibility = seedVisibility(seed, vault.secrets.get(key));
        checkOrgSelection(org, visibility, seed.selected_repository_ids);
        checkSecretWrite(vault, seed.name, value);
        vault.secrets.set(key, { visibility });
      } else {
        if (target.scope === "user" && seed.selected_repository_ids)
          checkUserRepositoryIds(allRepositoryIds, seed.selected_repository_ids);
        const vault = target.holder.secrets[app]!;
        checkSecretWrite(vault, seed.name, value);
        vault.secrets.set(key, true);
      }
    } catch (error) {
      throw new Error(`secrets[${i}]: ${(error as Error).message}`);
    }
  });
  variableSeeds.forEach((seed, i) => {
    try {
      const target = seedTarget(seed, holders, "variable");
      const key = seed.name.toUpperCase();
      // The same checks in the same order as the store's `createVariable` and `updateVariable`.
      if (target.scope === "org") {
        const { holder: org } = target;
        const visibility = seedVisibility(seed, org.variables.variables.get(key));
        checkOrgSelection(org, visibility, seed.selected_repository_ids);
        checkVariableWrite(org.variables, seed.name, seed.value);
        org.variables.variables.set(key, { visibility });
      } else if (target.scope !== "user") {
        checkVariableWrite(target.holder.variables, seed.name, seed.value);
        target.holder.variables.variables.set(key, true);
      }
    } catch (error) {
      throw new Error(`variables[${i}]: ${(error as Error).message}`);
    }
  });
}

function checkOrgSelection(org: PlainOrg, visibility: Visibility, ids: number[] | undefined): void {
  checkSelectionAllowed(visibility, ids);
  if (ids) checkOrgRepositoryIds(org.login, org.repositoryIds, ids);
}
