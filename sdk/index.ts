/**
 * GitHub Actions secrets as Pulumi resources (organization, repository and environment secrets, and the
 * repositories selected for an organization secret), the same for Dependabot's and Codespaces' secrets (and a
 * user's own Codespaces secrets), Actions variables, lookups of what GitHub holds, and `seal` for values
 * sealed ahead of time. Values are sealed inside the provider; the state keeps salted fingerprints only.
 *
 * @module pulumi-github-secrets
 */
export { RepoSecret, type RepoSecretArgs } from "./repo-secret";
export { EnvSecret, type EnvSecretArgs } from "./env-secret";
export { OrgSecret, type OrgSecretArgs, type RepositoryRef } from "./org-secret";
export { OrgSecretRepoSelection, type OrgSecretRepoSelectionArgs } from "./org-secret-repo-selection";
export { DependabotOrgSecret, DependabotOrgSecretRepoSelection, DependabotRepoSecret } from "./dependabot-secrets";
export {
  CodespacesOrgSecret,
  CodespacesOrgSecretRepoSelection,
  CodespacesRepoSecret,
  CodespacesUserSecret,
  type CodespacesUserSecretArgs,
} from "./codespaces-secrets";
export type { OrgSecretOf } from "./org-secret";
export type { OrgSecretRepoSelectionOf } from "./org-secret-repo-selection";
export type { RepoSecretOf } from "./repo-secret";
export { SecretSet, type SecretSetArgs, type SecretSetEntries, type SecretSetScope } from "./secret-set";
export type { DriftPolicy, SecretValueArgs } from "./secret-inputs";
export { RepoVariable, type RepoVariableArgs } from "./repo-variable";
export { EnvVariable, type EnvVariableArgs } from "./env-variable";
export { OrgVariable, type OrgVariableArgs } from "./org-variable";
export { OrgVariableRepoSelection, type OrgVariableRepoSelectionArgs } from "./org-variable-repo-selection";
export { VariableSet, type VariableSetArgs, type VariableSetEntries, type VariableSetScope } from "./variable-set";
export type { Variable, VariableValueArgs } from "./variable-inputs";
export { seal } from "../core/seal";
export {
  getPublicKey,
  listEnvSecrets,
  listOrgSecrets,
  listRepoOrgSecrets,
  listRepoSecrets,
  listSelectedRepositories,
  listUserCodespacesSecrets,
  listEnvVariables,
  listOrgVariables,
  listRepoOrgVariables,
  listRepoVariables,
  type AppArg,
  type SecretApp,
  type LookupOptions,
  type PublicKey,
  type SecretSummary,
  type SelectedRepository,
  type VariableSummary,
} from "./lookups";
export type { ValueSecret } from "./value-secret";
