import { ApiError } from "./api-error";
import { AppInstallations } from "./app-installations";
import type { Fixture, SecretScope, SecretSeed, TokenAccess, Visibility } from "./fixture-types";
import { checkOrgRepositoryIds, checkSecretWrite, checkSelectionAllowed } from "./secret-rules";
import { seedTarget } from "./seed-target";
import { stableId } from "./stable-id";
import { isoSeconds, nextTimestamp } from "./timestamp";

export interface StoredSecret {
  /** Upper-cased, as GitHub stores it. */
  name: string;
  value: Buffer;
  createdAt: string;
  updatedAt: string;
}

export interface OrgSecret extends StoredSecret {
  visibility: Visibility;
  selectedRepositoryIds: Set<number>;
}

/** What may hold secrets; `keyScope` names its key pair in the {@link KeyRing}. */
interface SecretHolder<S extends StoredSecret> {
  scope: SecretScope;
  keyScope: string;
  secrets: Map<string, S>;
}

export interface Org extends SecretHolder<OrgSecret> {
  scope: "org";
  login: string;
  id: number;
}

export interface Repo extends SecretHolder<StoredSecret> {
  scope: "repo";
  owner: string;
  name: string;
  id: number;
  private: boolean;
  environments: Map<string, Environment>;
}

export interface Environment extends SecretHolder<StoredSecret> {
  scope: "environment";
  repo: Repo;
  name: string;
  id: number;
}

/** One secret as `GET /_emulator/secrets` shows it. */
export interface SecretRecord {
  /** Where the secret lives. */
  scope: SecretScope;
  /** The organization's login, or the repository's owner. */
  owner: string;
  /** The repository's name; null for an organization secret. */
  repository: string | null;
  /** The environment's name as it reads; null but for an environment secret. */
  environment: string | null;
  /** The secret's name, upper-cased. */
  name: string;
  /** The value, decrypted with the scope's private key. */
  value: string;
  /** An organization secret's visibility; null for the other scopes. */
  visibility: Visibility | null;
  /** An organization secret's selected repositories (for visibility `selected`); else null. */
  selected_repository_ids: number[] | null;
  /** ISO 8601, whole seconds, as GitHub gives it. */
  created_at: string;
  /** ISO 8601, whole seconds, as GitHub gives it. */
  updated_at: string;
}

/**
 * The in-memory GitHub: orgs, repositories, environments and their secrets, built from a
 * fixture. Every write goes through here, so name rules and limits hold for the API, the
 * fixture's seeds and out-of-band writes alike. Lookups are case-insensitive.
 */
export class Store {
  readonly loadedAt = isoSeconds(new Date());
  private readonly orgs = new Map<string, Org>();
  private readonly repos = new Map<string, Repo>();
  private readonly tokens = new Map<string, TokenAccess>();
  readonly apps: AppInstallations;

  constructor(fixture: Fixture) {
    this.apps = new AppInstallations(fixture.apps);
    for (const { login, id } of fixture.orgs) {
      this.orgs.set(login.toLowerCase(), {
        scope: "org",
        keyScope: `org/${login.toLowerCase()}`,
        login,
        id,
        secrets: new Map(),
      });
    }
    for (const { owner, name, id, private: isPrivate = false, environments = [] } of fixture.repos) {
      const fullName = `${owner}/${name}`.toLowerCase();
      const repo: Repo = {
        scope: "repo",
        keyScope: `repo/${fullName}`,
        owner,
        name,
        id,
        private: isPrivate,
        environments: new Map(),
        secrets: new Map(),
      };
      for (const env of environments) {
        repo.environments.set(env.toLowerCase(), {
          scope: "environment",
          keyScope: `environment/${fullName}/${env.toLowerCase()}`,
          repo,
          name: env,
          id: stableId(`${id}/${env}`),
          secrets: new Map(),
        });
      }
      this.repos.set(fullName, repo);
    }
    for (const { token, access } of fixture.tokens) this.tokens.set(token, access ?? "write");
    fixture.secrets?.forEach((seed, i) => {
      try {
        this.upsert(seed);
      } catch (error) {
        throw new Error(`secrets[${i}]: ${(error as Error).message}`);
      }
    });
  }

  /** What a fixture token, or an installation token issued and not yet expired, may do. */
  access(token: string): TokenAccess | undefined {
    return this.tokens.get(token) ?? this.apps.access(token);
  }

  org(login: string): Org | undefined {
    return this.orgs.get(login.toLowerCase());
  }

  repo(owner: string, name: string): Repo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  repoById(id: number): Repo | undefined {
    return [...this.repos.values()].find((repo) => repo.id === id);
  }

  environment(repo: Repo, name: string): Environment | undefined {
    return repo.environments.get(name.toLowerCase());
  }

  /** The organization that owns `repo`, when its owner is one. */
  ownerOrg(repo: Repo): Org | undefined {
    return this.org(repo.owner);
  }

  orgRepos(org: Org): Repo[] {
    return [...this.repos.values()].filter((repo) => repo.owner.toLowerCase() === org.login.toLowerCase());
  }

  /** The org secrets a workflow in `repo` may read. `private` covers private and internal repositories. */
  orgSecretsFor(repo: Repo): OrgSecret[] {
    const org = this.ownerOrg(repo);
    if (!org) return [];
    return [...org.secrets.values()].filter(
      (secret) =>
        secret.visibility === "all" ||
        (secret.visibility === "private" && repo.private) ||
        (secret.visibility === "selected" && secret.selectedRepositoryIds.has(repo.id)),
    );
  }

  putSecret(holder: Repo | Environment, name: string, value: Buffer): "created" | "updated" {
    return this.write(holder, name, value, (base) => base);
  }

  /**
   * Creates or updates an org secret. `selectedRepositoryIds` undefined keeps the current
   * selection while the visibility stays `selected`; any other visibility clears it.
   */
  putOrgSecret(
    org: Org,
    name: string,
    value: Buffer,
    visibility: Visibility,
    selectedRepositoryIds?: number[],
  ): "created" | "updated" {
    checkSelectionAllowed(visibility, selectedRepositoryIds);
    const selection = selectedRepositoryIds && this.repositoryIdsIn(org, selectedRepositoryIds);
    return this.write(org, name, value, (base, existing) => ({
      ...base,
      visibility,
      selectedRepositoryIds:
        visibility !== "selected"
          ? new Set<number>()
          : (selection ?? (existing?.visibility === "selected" ? existing.selectedRepositoryIds : new Set<number>())),
    }));
  }

  /** False when there was no such secret. */
  deleteSecret(holder: Org | Repo | Environment, name: string): boolean {
    return holder.secrets.delete(name.toUpperCase());
  }

  setSelection(org: Org, secret: OrgSecret, ids: number[]): void {
    requireSelected(secret);
    secret.selectedRepositoryIds = this.repositoryIdsIn(org, ids);
  }

  addToSelection(org: Org, secret: OrgSecret, id: number): void {
    requireSelected(secret);
    this.repositoryIdsIn(org, [id]);
    secret.selectedRepositoryIds.add(id);
  }

  removeFromSelection(org: Org, secret: OrgSecret, id: number): void {
    requireSelected(secret);
    this.repositoryIdsIn(org, [id]);
    secret.selectedRepositoryIds.delete(id);
  }

  /**
   * Writes a secret given in plaintext, as a fixture seed or an out-of-band change. Fixture validation
   * finds a seed's holder with the same {@link seedTarget} and checks it with the same rules.
   */
  upsert(seed: SecretSeed): { created: boolean; record: SecretRecord } {
    const value = Buffer.from(seed.value, "utf8");
    const target = seedTarget(seed, this);
    if (target.scope === "org") {
      const { org, visibility } = target;
      const outcome = this.putOrgSecret(org, seed.name, value, visibility, seed.selected_repository_ids);
      return { created: outcome === "created", record: recordOf(org, org.secrets.get(seed.name.toUpperCase())!) };
    }
    const { holder } = target;
    const outcome = this.putSecret(holder, seed.name, value);
    return { created: outcome === "created", record: recordOf(holder, holder.secrets.get(seed.name.toUpperCase())!) };
  }

  /** Every secret with its plaintext, orgs first, then each repository and its environments. */
  records(): SecretRecord[] {
    const holders: (Org | Repo | Environment)[] = [...this.orgs.values()];
    for (const repo of this.repos.values()) holders.push(repo, ...repo.environments.values());
    return holders.flatMap((holder) =>
      sortedSecrets<StoredSecret>(holder.secrets.values()).map((secret) => recordOf(holder, secret)),
    );
  }

  private write<S extends StoredSecret>(
    holder: SecretHolder<S>,
    name: string,
    value: Buffer,
    complete: (base: StoredSecret, existing: S | undefined) => S,
  ): "created" | "updated" {
    checkSecretWrite(holder, name, value);
    const key = name.toUpperCase();
    const existing = holder.secrets.get(key);
    const updatedAt = nextTimestamp(existing?.updatedAt);
    holder.secrets.set(
      key,
      complete({ name: key, value, createdAt: existing?.createdAt ?? updatedAt, updatedAt }, existing),
    );
    return existing ? "updated" : "created";
  }

  /** Checks that every id is a repository of `org` (422 otherwise) and returns them as a set. */
  private repositoryIdsIn(org: Org, ids: number[]): Set<number> {
    checkOrgRepositoryIds(org.login, new Set(this.orgRepos(org).map((repo) => repo.id)), ids);
    return new Set(ids);
  }
}

export function sortedSecrets<S extends StoredSecret>(secrets: Iterable<S>): S[] {
  return [...secrets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function requireSelected(secret: OrgSecret): void {
  if (secret.visibility !== "selected") {
    throw new ApiError(
      409,
      "You cannot update selected repositories for a secret when the visibility is not set to 'selected'",
    );
  }
}

function recordOf(holder: Org | Repo | Environment, secret: StoredSecret): SecretRecord {
  const [owner, repository, environment] =
    holder.scope === "org"
      ? [holder.login, null, null]
      : holder.scope === "repo"
        ? [holder.owner, holder.name, null]
        : [holder.repo.owner, holder.repo.name, holder.name];
  const orgSecret = holder.scope === "org" ? (secret as OrgSecret) : undefined;
  return {
    scope: holder.scope,
    owner,
    repository,
    environment,
    name: secret.name,
    value: secret.value.toString("utf8"),
    visibility: orgSecret?.visibility ?? null,
    selected_repository_ids:
      orgSecret?.visibility === "selected" ? [...orgSecret.selectedRepositoryIds].sort((a, b) => a - b) : null,
    created_at: secret.createdAt,
    updated_at: secret.updatedAt,
  };
}
