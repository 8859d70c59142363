export { RepoSecret, type RepoSecretArgs } from "./repo-secret";
export { EnvSecret, type EnvSecretArgs } from "./env-secret";
export { OrgSecret, type OrgSecretArgs, type RepositoryRef } from "./org-secret";
export { OrgSecretRepoSelection, type OrgSecretRepoSelectionArgs } from "./org-secret-repo-selection";
export type { DriftPolicy, SecretValueArgs } from "./secret-inputs";
export { seal } from "../provider/seal";
export {
  getPublicKey,
  listEnvSecrets,
  listOrgSecrets,
  listRepoOrgSecrets,
  listRepoSecrets,
  listSelectedRepositories,
  type LookupOptions,
  type PublicKey,
  type SecretSummary,
  type SelectedRepository,
} from "./lookups";
export type { ValueSecret } from "./value-secret";
