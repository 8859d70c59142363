// The benchmark's GitHub: one organization, 10 repositories with 2 environments each (31 secret
// scopes), and N secrets dealt round-robin over those scopes, so no scope comes near GitHub's
// limits (100 per repository and per environment, 1,000 per organization) even at N = 1,000
// (33 or 32 per scope).
import type { Fixture } from "../emulator";
import type { Declared } from "../programs/declared-stack";

export const ORG = "bench-org";
export const TOKEN = "bench-token";
export const REPOS = Array.from({ length: 10 }, (_, i) => `repo-${String(i).padStart(2, "0")}`);
export const ENVIRONMENTS = ["production", "staging"];

export type Scope =
  | { kind: "org" }
  | { kind: "repo"; repository: string }
  | { kind: "environment"; repository: string; environment: string };

export const SCOPES: Scope[] = [
  { kind: "org" },
  ...REPOS.flatMap((repository): Scope[] => [
    { kind: "repo", repository },
    ...ENVIRONMENTS.map((environment): Scope => ({ kind: "environment", repository, environment })),
  ]),
];

export function scopeKey(scope: Scope): string {
  return scope.kind === "org"
    ? `org`
    : scope.kind === "repo"
      ? `repo:${scope.repository}`
      : `env:${scope.repository}/${scope.environment}`;
}

export function fixture(): Fixture {
  return {
    orgs: [{ login: ORG, id: 7000 }],
    repos: REPOS.map((name, i) => ({
      owner: ORG,
      name,
      id: 7100 + i,
      private: i % 2 === 1,
      environments: [...ENVIRONMENTS],
    })),
    tokens: [{ token: TOKEN, access: "write" }],
    secrets: [],
  };
}

export interface BenchSecret {
  /** The resource's name in the program, and the key of its VALUE_ variable. */
  name: string;
  secretName: string;
  scope: Scope;
}

/** N secrets, the i-th in scope i mod 31. */
export function secrets(n: number): BenchSecret[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `s${i}`,
    secretName: `BENCH_SECRET_${i}`,
    scope: SCOPES[i % SCOPES.length],
  }));
}

/** The secrets whose values the "change 10%" step changes: every tenth. */
export function changedTenth(all: BenchSecret[]): BenchSecret[] {
  return all.filter((_, i) => i % 10 === 0);
}

export function valueOf(secret: BenchSecret, generation: number): string {
  return `bench-value-${generation}-${secret.name}-${"x".repeat(24)}`;
}

/** The program's declaration of a secret (programs/declared reads these from the stack config). */
export function declared(secret: BenchSecret, value: string): Declared {
  const { scope, name, secretName } = secret;
  if (scope.kind === "org")
    return { kind: "OrgSecret", name, value, args: { org: ORG, secretName, visibility: "private" } };
  if (scope.kind === "repo")
    return { kind: "RepoSecret", name, value, args: { owner: ORG, repository: scope.repository, secretName } };
  return {
    kind: "EnvSecret",
    name,
    value,
    args: { owner: ORG, repository: scope.repository, environment: scope.environment, secretName },
  };
}

/**
 * `gh secret set -f` takes one scope per run: one `.env` file and one command line per scope these
 * secrets fall in (the repository as `HOST/OWNER/REPO`, since gh talks to `GH_HOST`).
 */
export function ghRuns(list: BenchSecret[], generation: number, host: string): { args: string[]; dotenv: string }[] {
  const byScope = new Map<string, { scope: Scope; lines: string[] }>();
  for (const secret of list) {
    const key = scopeKey(secret.scope);
    const entry = byScope.get(key) ?? byScope.set(key, { scope: secret.scope, lines: [] }).get(key)!;
    entry.lines.push(`${secret.secretName}=${valueOf(secret, generation)}`);
  }
  return [...byScope.values()].map(({ scope, lines }) => ({
    dotenv: `${lines.join("\n")}\n`,
    args:
      scope.kind === "org"
        ? ["--org", ORG, "--visibility", "private"]
        : [
            "-R",
            `${host}/${ORG}/${scope.repository}`,
            ...(scope.kind === "environment" ? ["--env", scope.environment] : []),
          ],
  }));
}

/** The same secrets as Terraform's GitHub provider declares them, in Terraform's JSON syntax. */
export function terraformResources(list: BenchSecret[], values: (secret: BenchSecret) => string): object {
  const resources: Record<string, Record<string, object>> = {
    github_actions_organization_secret: {},
    github_actions_secret: {},
    github_actions_environment_secret: {},
  };
  for (const secret of list) {
    const { scope, name, secretName } = secret;
    const value = values(secret);
    if (scope.kind === "org")
      resources.github_actions_organization_secret[name] = { secret_name: secretName, visibility: "private", value };
    else if (scope.kind === "repo")
      resources.github_actions_secret[name] = { repository: scope.repository, secret_name: secretName, value };
    else
      resources.github_actions_environment_secret[name] = {
        repository: scope.repository,
        environment: scope.environment,
        secret_name: secretName,
        value,
      };
  }
  return resources;
}
