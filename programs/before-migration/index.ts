import * as pulumi from "@pulumi/pulumi";
import * as github from "./pulumi-github";

// The program before docs/migrating-from-pulumi-github.md, with stand-ins for pulumi-github's resources: the
// secrets that examples/migrate-from-pulumi-github (the same project) adopts. Stack config
// `retainOnDelete: true` is the guide's step 1. Values come from the environment, under the same names the
// example reads.
const retainOnDelete = new pulumi.Config().getBoolean("retainOnDelete");
const value = (name: string) => pulumi.secret(process.env[name] ?? "");

new github.ActionsSecret(
  "release-token",
  { repository: "hello-world", secretName: "RELEASE_TOKEN", plaintextValue: value("RELEASE_TOKEN") },
  { retainOnDelete },
);
new github.ActionsEnvironmentSecret(
  "database-url",
  {
    repository: "hello-world",
    environment: "production",
    secretName: "DATABASE_URL",
    plaintextValue: value("DATABASE_URL"),
  },
  { retainOnDelete },
);
new github.ActionsOrganizationSecret(
  "sonar-token",
  {
    secretName: "SONAR_TOKEN",
    visibility: "selected",
    selectedRepositoryIds: [1296269],
    plaintextValue: value("SONAR_TOKEN"),
  },
  { retainOnDelete },
);
const artifactToken = new github.ActionsOrganizationSecret(
  "artifact-token",
  { secretName: "ARTIFACT_TOKEN", visibility: "selected", plaintextValue: value("ARTIFACT_TOKEN") },
  { retainOnDelete },
);
new github.ActionsOrganizationSecretRepositories(
  "artifact-token-repositories",
  { secretName: artifactToken.secretName, selectedRepositoryIds: [1296269, 1300192] },
  { retainOnDelete },
);
