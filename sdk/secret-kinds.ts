import { appOf, type SecretApp, type Scope } from "../core/scope";

/** The resource kind of each application's secrets in each kind of scope: where GitHub has none, none. */
export const SECRET_KINDS: Record<SecretApp, Partial<Record<Scope["kind"], string>>> = {
  actions: { org: "OrgSecret", repo: "RepoSecret", environment: "EnvSecret" },
  dependabot: { org: "DependabotOrgSecret", repo: "DependabotRepoSecret" },
  codespaces: { org: "CodespacesOrgSecret", repo: "CodespacesRepoSecret", user: "CodespacesUserSecret" },
};

/** The resource kind of a scope's secrets; undefined where GitHub has no such secrets. */
export function secretKind(scope: Scope): string | undefined {
  return SECRET_KINDS[appOf(scope)][scope.kind];
}
