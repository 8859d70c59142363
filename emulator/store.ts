import { ApiError, notFound } from "./api-error";
import { AppInstallations } from "./app-installations";
import {
  DEFAULT_USER_LOGIN,
  type Fixture,
  type SecretApp,
  type SecretScope,
  type SecretSeed,
  type TokenAccess,
  type VariableScope,
  type VariableSeed,
  type Visibility,
} from "./fixture-types";
import {
  checkAppScope,
  checkOrgRepositoryIds,
  checkSecretWrite,
  checkSelectionAllowed,
  checkUserRepositoryIds,
  checkVariableWrite,
} from "./secret-rules";
import { seedTarget, seedVisibility } from "./seed-target";
import { stableId } from "./stable-id";
import { isoSeconds, nextTimestamp } from "./timestamp";

/** Every app, in the order the control surface lists their secrets. */
export const SECRET_APPS: readonly SecretApp[] = ["actions", "dependabot", "codespaces"];

export interface StoredSecret {
  /** Upper-cased, as GitHub stores it. */
  name: string;
  value: Buffer;
  createdAt: string;
  updatedAt: string;
}

/** An org secret's or org variable's reach. */
export interface Selection {
  visibility: Visibility;
  /** Empty unless `visibility` is `selected`. */
  selectedRepositoryIds: Set<number>;
}

export interface OrgSecret extends StoredSecret, Selection {}

/** A user's Codespaces secret: the repositories whose codespaces may use it. */
export interface UserSecret extends StoredSecret {
  selectedRepositoryIds: Set<number>;
}

export interface StoredVariable {
  /** Upper-cased, as GitHub stores it. */
  name: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export interface OrgVariable extends StoredVariable, Selection {}

/** Where a vault is, as the control surface names it. */
interface Place {
  owner: string;
  repository: string | null;
  environment: string | null;
}

/** The secrets of one app in one scope; `keyScope` names its key pair in the {@link KeyRing}. */
export interface SecretVault<S extends StoredSecret = StoredSecret> {
  scope: SecretScope;
  app: SecretApp;
  keyScope: string;
  place: Place;
  secrets: Map<string, S>;
}

/** The Actions variables of one scope. */
export interface VariableVault<V extends StoredVariable = StoredVariable> {
  scope: VariableScope;
  place: Place;
  variables: Map<string, V>;
}

export interface Org {
  scope: "org";
  login: string;
  id: number;
  /** Every app's. */
  secrets: Partial<Record<SecretApp, SecretVault<OrgSecret>>>;
  variables: VariableVault<OrgVariable>;
}

export interface Repo {
  scope: "repo";
  owner: string;
  name: string;
  id: number;
  private: boolean;
  environments: Map<string, Environment>;
  /** Every app's. */
  secrets: Partial<Record<SecretApp, SecretVault>>;
  variables: VariableVault;
}

export interface Environment {
  scope: "environment";
  repo: Repo;
  name: string;
  id: number;
  /** Actions' only. */
  secrets: Partial<Record<SecretApp, SecretVault>>;
  variables: VariableVault;
}

/** A user, by login: what `/user/codespaces/secrets` acts on for the token's user. */
export interface UserAccount {
  scope: "user";
  login: string;
  /** Codespaces' only. */
  secrets: Partial<Record<SecretApp, SecretVault<UserSecret>>>;
}

/** One secret as `GET /_emulator/secrets` shows it. */
export interface SecretRecord {
  /** Which app's secret it is. */
  app: SecretApp;
  /** Where the secret lives. */
  scope: SecretScope;
  /** The organization's login, the repository's owner, or the user's login. */
  owner: string;
  /** The repository's name; null for an organization or user secret. */
  repository: string | null;
  /** The environment's name as it reads; null but for an environment secret. */
  environment: string | null;
  /** The secret's name, upper-cased. */
  name: string;
  /** The value, decrypted with the scope's private key. */
  value: string;
  /** An organization secret's visibility; `selected` for a user secret; null for the other scopes. */
  visibility: Visibility | null;
  /** An organization secret's selected repositories (for visibility `selected`), a user secret's; else null. */
  selected_repository_ids: number[] | null;
  /** ISO 8601, whole seconds, as GitHub gives it. */
  created_at: string;
  /** ISO 8601, whole seconds, as GitHub gives it. */
  updated_at: string;
}

/** One Actions variable as `GET /_emulator/variables` shows it: a secret record's fields, but `app`, with its scope. */
export type VariableRecord = Omit<SecretRecord, "app" | "scope"> & {
  /** Where the variable lives. */
  scope: VariableScope;
};

/** What an org variable's PATCH changes; omitted fields stay. */
export interface VariableChange {
  name?: string;
  value?: string;
  visibility?: Visibility;
  selectedRepositoryIds?: number[];
}

/**
 * The in-memory GitHub: orgs, repositories, environments, users, their secrets (per app) and
 * their Actions variables, built from a fixture. Every write goes through here, so name rules and
 * limits hold for the API, the fixture's seeds and out-of-band writes alike. Lookups are case-insensitive.
 */
export class Store {
  readonly loadedAt = isoSeconds(new Date());
  private readonly orgs = new Map<string, Org>();
  private readonly repos = new Map<string, Repo>();
  private readonly users = new Map<string, UserAccount>();
  private readonly tokens = new Map<string, { access: TokenAccess; user: string }>();
  readonly apps: AppInstallations;

  constructor(fixture: Fixture) {
    this.apps = new AppInstallations(fixture.apps);
    for (const { login, id } of fixture.orgs) {
      const place = { owner: login, repository: null, environment: null };
      this.orgs.set(login.toLowerCase(), {
        scope: "org",
        login,
        id,
        secrets: vaults<OrgSecret>(["actions", "dependabot", "codespaces"], "org", `org/${login.toLowerCase()}`, place),
        variables: { scope: "org", place, variables: new Map() },
      });
    }
    for (const { owner, name, id, private: isPrivate = false, environments = [] } of fixture.repos) {
      const fullName = `${owner}/${name}`.toLowerCase();
      const place = { owner, repository: name, environment: null };
      const repo: Repo = {
        scope: "repo",
        owner,
        name,
        id,
        private: isPrivate,
        environments: new Map(),
        secrets: vaults(["actions", "dependabot", "codespaces"], "repo", `repo/${fullName}`, place),
        variables: { scope: "repo", place, variables: new Map() },
      };
      for (const env of environments) {
        const envPlace = { owner, repository: name, environment: env };
        repo.environments.set(env.toLowerCase(), {
          scope: "environment",
          repo,
          name: env,
          id: stableId(`${id}/${env}`),
          secrets: vaults(["actions"], "environment", `environment/${fullName}/${env.toLowerCase()}`, envPlace),
          variables: { scope: "environment", place: envPlace, variables: new Map() },
        });
      }
      this.repos.set(fullName, repo);
    }
    for (const { token, access, user } of fixture.tokens)
      this.tokens.set(token, { access: access ?? "write", user: user ?? DEFAULT_USER_LOGIN });
    fixture.secrets?.forEach((seed, i) => {
      try {
        this.upsert(seed);
      } catch (error) {
        throw new Error(`secrets[${i}]: ${(error as Error).message}`);
      }
    });
    fixture.variables?.forEach((seed, i) => {
      try {
        this.upsertVariable(seed);
      } catch (error) {
        throw new Error(`variables[${i}]: ${(error as Error).message}`);
      }
    });
  }

  /** What a fixture token, or an installation token issued and not yet expired, may do. */
  access(token: string): TokenAccess | undefined {
    return this.tokens.get(token)?.access ?? this.apps.access(token);
  }

  /** The login a fixture token acts for; undefined for an installation token (or an unknown one). */
  userOf(token: string): string | undefined {
    return this.tokens.get(token)?.user;
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

  /** The user of this login, made (with no secrets) on first use: any login is a user. */
  user(login: string): UserAccount {
    let user = this.users.get(login.toLowerCase());
    if (!user) {
      const place = { owner: login, repository: null, environment: null };
      user = { scope: "user", login, secrets: vaults(["codespaces"], "user", `user/${login.toLowerCase()}`, place) };
      this.users.set(login.toLowerCase(), user);
    }
    return user;
  }

  /** The organization that owns `repo`, when its owner is one. */
  ownerOrg(repo: Repo): Org | undefined {
    return this.org(repo.owner);
  }

  orgRepos(org: Org): Repo[] {
    return [...this.repos.values()].filter((repo) => repo.owner.toLowerCase() === org.login.toLowerCase());
  }

  /** The fixture's repositories of these ids, by id; a user may pick any of them for a Codespaces secret. */
  reposByIds(ids: Iterable<number>): Repo[] {
    const wanted = new Set(ids);
    return [...this.repos.values()].filter((repo) => wanted.has(repo.id)).sort((a, b) => a.id - b.id);
  }

  /** The org's Actions secrets a workflow in `repo` may read. */
  orgSecretsFor(repo: Repo): OrgSecret[] {
    const org = this.ownerOrg(repo);
    return org ? [...org.secrets.actions!.secrets.values()].filter((secret) => reaches(secret, repo)) : [];
  }

  /** The org's Actions variables a workflow in `repo` may read. */
  orgVariablesFor(repo: Repo): OrgVariable[] {
    const org = this.ownerOrg(repo);
    return org ? [...org.variables.variables.values()].filter((variable) => reaches(variable, repo)) : [];
  }

  putSecret(vault: SecretVault, name: string, value: Buffer): "created" | "updated" {
    return this.write(vault, name, value, (base) => base);
  }

  /**
   * Creates or updates an org secret. `selectedRepositoryIds` undefined keeps the current
   * selection while the visibility stays `selected`; any other visibility clears it.
   */
  putOrgSecret(
    org: Org,
    vault: SecretVault<OrgSecret>,
    name: string,
    value: Buffer,
    visibility: Visibility,
    selectedRepositoryIds?: number[],
  ): "created" | "updated" {
    const selection = this.checkedSelection(org, visibility, selectedRepositoryIds);
    return this.write(vault, name, value, (base, existing) => ({ ...base, ...selection(existing) }));
  }

  /** Creates or updates a user's Codespaces secret; `selectedRepositoryIds` undefined keeps the selection. */
  putUserSecret(
    user: UserAccount,
    name: string,
    value: Buffer,
    selectedRepositoryIds?: number[],
  ): "created" | "updated" {
    if (selectedRepositoryIds) this.checkUserRepositoryIds(selectedRepositoryIds);
    return this.write(user.secrets.codespaces!, name, value, (base, existing) => ({
      ...base,
      selectedRepositoryIds: selectedRepositoryIds
        ? new Set(selectedRepositoryIds)
        : (existing?.selectedRepositoryIds ?? new Set<number>()),
    }));
  }

  /** False when there was no such secret. */
  deleteSecret(vault: SecretVault<StoredSecret>, name: string): boolean {
    return vault.secrets.delete(name.toUpperCase());
  }

  /** Replaces an org secret's or variable's selection: 409 unless its visibility is `selected`. */
  setSelection(org: Org, item: Selection, ids: number[], noun: "secret" | "variable"): void {
    requireSelected(item, noun);
    item.selectedRepositoryIds = this.repositoryIdsIn(org, ids);
  }

  addToSelection(org: Org, item: Selection, id: number, noun: "secret" | "variable"): void {
    requireSelected(item, noun);
    this.repositoryIdsIn(org, [id]);
    item.selectedRepositoryIds.add(id);
  }

  removeFromSelection(org: Org, item: Selection, id: number, noun: "secret" | "variable"): void {
    requireSelected(item, noun);
    this.repositoryIdsIn(org, [id]);
    item.selectedRepositoryIds.delete(id);
  }

  /** Replaces a user secret's repositories: 422 for an id of no fixture repository. */
  setUserSelection(secret: UserSecret, ids: number[]): void {
    this.checkUserRepositoryIds(ids);
    secret.selectedRepositoryIds = new Set(ids);
  }

  /**
   * Creates a variable: 409 when one of the name exists. For an org variable, `selection` gives its
   * visibility and selected repositories.
   */
  createVariable(
    vault: VariableVault,
    name: string,
    value: string,
    selection?: { org: Org; visibility: Visibility; selectedRepositoryIds?: number[] },
  ): void {
    if (vault.variables.has(name.toUpperCase())) throw variableExists();
    const extra =
      selection && this.checkedSelection(selection.org, selection.visibility, selection.selectedRepositoryIds);
    this.writeVariable(vault, name, value, undefined, (base) => (extra ? { ...base, ...extra(undefined) } : base));
  }

  /**
   * Updates the variable `name`: 404 when there is none; a new `name` renames it (409 when that name is
   * taken by another). An org variable's visibility and selection change as an org secret's PUT changes them.
   */
  updateVariable(vault: VariableVault, name: string, change: VariableChange, org?: Org): void {
    const key = name.toUpperCase();
    const existing = vault.variables.get(key);
    if (!existing) throw notFound();
    const newName = change.name ?? existing.name;
    const newKey = newName.toUpperCase();
    if (newKey !== key && vault.variables.has(newKey)) throw variableExists();
    const extra =
      org &&
      this.checkedSelection(
        org,
        change.visibility ?? (existing as OrgVariable).visibility ?? "private",
        change.selectedRepositoryIds,
      );
    this.writeVariable(vault, newName, change.value ?? existing.value, existing, (base) =>
      extra ? { ...base, ...extra(existing as OrgVariable) } : base,
    );
  }

  /** False when there was no such variable. */
  deleteVariable(vault: VariableVault<StoredVariable>, name: string): boolean {
    return vault.variables.delete(name.toUpperCase());
  }

  /**
   * Writes a secret given in plaintext, as a fixture seed or an out-of-band change. Fixture validation
   * finds a seed's holder with the same {@link seedTarget} and checks it with the same rules.
   */
  upsert(seed: SecretSeed): { created: boolean; record: SecretRecord } {
    const app = seed.app ?? "actions";
    checkAppScope(app, seed.scope);
    const value = Buffer.from(seed.value, "utf8");
    const target = seedTarget(seed, this, "secret");
    const vault: SecretVault = target.holder.secrets[app]!;
    const name = seed.name;
    const outcome =
      target.scope === "org"
        ? this.putOrgSecret(
            target.holder,
            target.holder.secrets[app]!,
            name,
            value,
            seedVisibility(seed, target.holder.secrets[app]!.secrets.get(name.toUpperCase())),
            seed.selected_repository_ids,
          )
        : target.scope === "user"
          ? this.putUserSecret(target.holder, name, value, seed.selected_repository_ids)
          : this.putSecret(vault, name, value);
    return { created: outcome === "created", record: secretRecord(vault, vault.secrets.get(name.toUpperCase())!) };
  }

  /** Writes a variable out of band or from a seed: created, or updated (its `updated_at` bumped). */
  upsertVariable(seed: VariableSeed): { created: boolean; record: VariableRecord } {
    const target = seedTarget(seed, this, "variable");
    if (target.scope === "user") throw new ApiError(422, "Variables have no user scope");
    const vault: VariableVault = target.holder.variables;
    const key = seed.name.toUpperCase();
    const existing = vault.variables.get(key);
    if (target.scope === "org") {
      const visibility = seedVisibility(seed, target.holder.variables.variables.get(key));
      const change = { value: seed.value, visibility, selectedRepositoryIds: seed.selected_repository_ids };
      if (existing) this.updateVariable(vault, key, change, target.holder);
      else
        this.createVariable(vault, seed.name, seed.value, {
          org: target.holder,
          visibility,
          selectedRepositoryIds: seed.selected_repository_ids,
        });
    } else if (existing) this.updateVariable(vault, key, { value: seed.value });
    else this.createVariable(vault, seed.name, seed.value);
    return { created: !existing, record: variableRecord(vault, vault.variables.get(key)!) };
  }

  /** Every secret with its plaintext: orgs first, then each repository and its environments, then users. */
  records(): SecretRecord[] {
    const all: SecretVault[] = [];
    for (const org of this.orgs.values()) all.push(...SECRET_APPS.map((app) => org.secrets[app]!));
    for (const repo of this.repos.values()) {
      all.push(repo.secrets.actions!, ...[...repo.environments.values()].map((env) => env.secrets.actions!));
      all.push(repo.secrets.dependabot!, repo.secrets.codespaces!);
    }
    const users = [...this.users.values()].sort((a, b) => (a.login < b.login ? -1 : a.login > b.login ? 1 : 0));
    for (const user of users) all.push(user.secrets.codespaces!);
    return all.flatMap((vault) => sortedByName(vault.secrets.values()).map((secret) => secretRecord(vault, secret)));
  }

  /** Every Actions variable: orgs first, then each repository and its environments. */
  variableRecords(): VariableRecord[] {
    const all: VariableVault[] = [...this.orgs.values()].map((org) => org.variables);
    for (const repo of this.repos.values())
      all.push(repo.variables, ...[...repo.environments.values()].map((env) => env.variables));
    return all.flatMap((vault) =>
      sortedByName(vault.variables.values()).map((variable) => variableRecord(vault, variable)),
    );
  }

  private write<S extends StoredSecret>(
    vault: SecretVault<S>,
    name: string,
    value: Buffer,
    complete: (base: StoredSecret, existing: S | undefined) => S,
  ): "created" | "updated" {
    checkSecretWrite(vault, name, value);
    const key = name.toUpperCase();
    const existing = vault.secrets.get(key);
    const updatedAt = nextTimestamp(existing?.updatedAt);
    vault.secrets.set(
      key,
      complete({ name: key, value, createdAt: existing?.createdAt ?? updatedAt, updatedAt }, existing),
    );
    return existing ? "updated" : "created";
  }

  /** Writes a variable anew or over `previous` (which a rename removes), bumping `updated_at`. */
  private writeVariable<V extends StoredVariable>(
    vault: VariableVault<V>,
    name: string,
    value: string,
    previous: StoredVariable | undefined,
    complete: (base: StoredVariable) => V,
  ): void {
    const key = name.toUpperCase();
    checkVariableWrite(vault, name, value, previous && previous.name !== key ? previous.name : undefined);
    const updatedAt = nextTimestamp(previous?.updatedAt);
    if (previous) vault.variables.delete(previous.name);
    vault.variables.set(key, complete({ name: key, value, createdAt: previous?.createdAt ?? updatedAt, updatedAt }));
  }

  /**
   * Checks an org item's visibility and selection (422s) before any write, and gives what completes the
   * item: `selectedRepositoryIds` undefined keeps a `selected` item's selection, any other visibility clears it.
   */
  private checkedSelection(
    org: Org,
    visibility: Visibility,
    selectedRepositoryIds: number[] | undefined,
  ): (existing: Selection | undefined) => Selection {
    checkSelectionAllowed(visibility, selectedRepositoryIds);
    const selection = selectedRepositoryIds && this.repositoryIdsIn(org, selectedRepositoryIds);
    return (existing) => ({
      visibility,
      selectedRepositoryIds:
        visibility !== "selected"
          ? new Set<number>()
          : (selection ?? (existing?.visibility === "selected" ? existing.selectedRepositoryIds : new Set<number>())),
    });
  }

  /** Checks that every id is a repository of `org` (422 otherwise) and returns them as a set. */
  private repositoryIdsIn(org: Org, ids: number[]): Set<number> {
    checkOrgRepositoryIds(org.login, new Set(this.orgRepos(org).map((repo) => repo.id)), ids);
    return new Set(ids);
  }

  private checkUserRepositoryIds(ids: number[]): void {
    checkUserRepositoryIds(new Set([...this.repos.values()].map((repo) => repo.id)), ids);
  }
}

export function sortedByName<S extends { name: string }>(items: Iterable<S>): S[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function vaults<S extends StoredSecret>(
  apps: readonly SecretApp[],
  scope: SecretScope,
  keyScope: string,
  place: Place,
): Partial<Record<SecretApp, SecretVault<S>>> {
  return Object.fromEntries(
    apps.map((app) => [app, { scope, app, keyScope: `${app}/${keyScope}`, place, secrets: new Map<string, S>() }]),
  );
}

/** Whether a workflow in `repo` may read an org item. `private` covers private and internal repositories. */
function reaches(item: Selection, repo: Repo): boolean {
  return (
    item.visibility === "all" ||
    (item.visibility === "private" && repo.private) ||
    (item.visibility === "selected" && item.selectedRepositoryIds.has(repo.id))
  );
}

/** 409 unless the item's visibility is `selected`: its selection cannot change (nor, for a variable, be listed). */
export function requireSelected(item: Selection, noun: "secret" | "variable", verb = "update"): void {
  if (item.visibility !== "selected") {
    throw new ApiError(
      409,
      `You cannot ${verb} selected repositories for a ${noun} when the visibility is not set to 'selected'`,
    );
  }
}

function variableExists(): ApiError {
  return new ApiError(409, "Already exists - Variable already exists");
}

function sortedIds(ids: Set<number>): number[] {
  return [...ids].sort((a, b) => a - b);
}

function secretRecord(vault: SecretVault, secret: StoredSecret): SecretRecord {
  const selection =
    vault.scope === "org"
      ? (secret as OrgSecret)
      : vault.scope === "user"
        ? { visibility: "selected" as const, selectedRepositoryIds: (secret as UserSecret).selectedRepositoryIds }
        : undefined;
  return {
    app: vault.app,
    scope: vault.scope,
    ...vault.place,
    name: secret.name,
    value: secret.value.toString("utf8"),
    visibility: selection?.visibility ?? null,
    selected_repository_ids: selection?.visibility === "selected" ? sortedIds(selection.selectedRepositoryIds) : null,
    created_at: secret.createdAt,
    updated_at: secret.updatedAt,
  };
}

function variableRecord(vault: VariableVault, variable: StoredVariable): VariableRecord {
  const selection = vault.scope === "org" ? (variable as OrgVariable) : undefined;
  return {
    scope: vault.scope,
    ...vault.place,
    name: variable.name,
    value: variable.value,
    visibility: selection?.visibility ?? null,
    selected_repository_ids: selection?.visibility === "selected" ? sortedIds(selection.selectedRepositoryIds) : null,
    created_at: variable.createdAt,
    updated_at: variable.updatedAt,
  };
}
