import * as pulumi from "@pulumi/pulumi";
import { EnvSecret, OrgSecret, OrgSecretRepoSelection, RepoSecret } from "pulumi-github-secrets";

// The program after the move from pulumi-github: step 2 of docs/migrating-from-pulumi-github.md.
// It takes the place of four pulumi-github resources that step 1 marked `retainOnDelete: true`,
// so that dropping them from the program leaves their secrets on GitHub. Each secret below adopts
// the existing one with the `import` option (and fails if GitHub has none) and writes this
// program's value in the same `up`: at no moment is a secret missing.
//
// pulumi-github took the owner from the provider (`github:owner`); here each resource names it.
// The values come from the environment: pulumi-github kept them in the state, encrypted, and this
// package keeps none (a value in the stack config would still be kept there, by Pulumi itself).
function fromEnvironment(name: string): pulumi.Output<string> {
  const value = process.env[name];
  if (!value) throw new Error(`Set the environment variable ${name} to the value of the ${name} secret.`);
  return pulumi.secret(value);
}

// Was github.ActionsSecret "release-token" (ID hello-world:RELEASE_TOKEN).
new RepoSecret(
  "release-token",
  {
    owner: "octo-org",
    repository: "hello-world",
    secretName: "RELEASE_TOKEN",
    plaintextValue: fromEnvironment("RELEASE_TOKEN"),
  },
  { import: "octo-org/hello-world/RELEASE_TOKEN" },
);

// Was github.ActionsEnvironmentSecret "database-url" (ID hello-world:production:DATABASE_URL). The
// environment is given as it reads; only the import ID percent-encodes it (prod%2Feu%20west).
new EnvSecret(
  "database-url",
  {
    owner: "octo-org",
    repository: "hello-world",
    environment: "production",
    secretName: "DATABASE_URL",
    plaintextValue: fromEnvironment("DATABASE_URL"),
  },
  { import: "octo-org/hello-world/production/DATABASE_URL" },
);

// Was github.ActionsOrganizationSecret "sonar-token" with selectedRepositoryIds (ID SONAR_TOKEN).
// Repositories may also be given as "owner/name".
new OrgSecret(
  "sonar-token",
  {
    org: "octo-org",
    secretName: "SONAR_TOKEN",
    plaintextValue: fromEnvironment("SONAR_TOKEN"),
    visibility: "selected",
    selectedRepositories: [1296269],
  },
  { import: "octo-org/SONAR_TOKEN" },
);

// Was github.ActionsOrganizationSecret "artifact-token", its list kept by the
// github.ActionsOrganizationSecretRepositories below. The list moves to an OrgSecretRepoSelection,
// which takes no import: creating it sets the whole list, as GitHub already has it.
const artifactToken = new OrgSecret(
  "artifact-token",
  {
    org: "octo-org",
    secretName: "ARTIFACT_TOKEN",
    plaintextValue: fromEnvironment("ARTIFACT_TOKEN"),
    visibility: "selected",
  },
  { import: "octo-org/ARTIFACT_TOKEN" },
);

// Was github.ActionsOrganizationSecretRepositories "artifact-token-repositories" (ID ARTIFACT_TOKEN).
new OrgSecretRepoSelection(
  "artifact-token-repositories",
  { org: "octo-org", secretName: "ARTIFACT_TOKEN", repositories: [1296269, 1300192] },
  { dependsOn: [artifactToken] },
);
