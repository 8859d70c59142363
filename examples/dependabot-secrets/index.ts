import * as pulumi from "@pulumi/pulumi";
import {
  DependabotOrgSecret,
  DependabotOrgSecretRepoSelection,
  DependabotRepoSecret,
  SecretSet,
} from "pulumi-github-secrets";

const config = new pulumi.Config();

// Workflows that Dependabot triggers read Dependabot secrets, never Actions secrets: a private registry's
// token that both a build and Dependabot's updates need is kept in both. The set writes each entry to each
// application listed: NPM_TOKEN as an Actions secret and as a Dependabot secret of the repository.
new SecretSet("registry", {
  owner: "octo-org",
  repository: "hello-world",
  values: { NPM_TOKEN: config.requireSecret("npmToken") },
  apps: ["actions", "dependabot"],
});

// A Dependabot secret of one repository: the same arguments as RepoSecret.
new DependabotRepoSecret("maven-password", {
  owner: "octo-org",
  repository: "hello-world",
  secretName: "MAVEN_PASSWORD",
  plaintextValue: config.requireSecret("mavenPassword"),
});

// An organization's Dependabot secret, its readers managed apart (by each team's stack, for instance).
const registry = new DependabotOrgSecret("docker-registry", {
  org: "octo-org",
  secretName: "DOCKER_REGISTRY_TOKEN",
  plaintextValue: config.requireSecret("dockerRegistryToken"),
  visibility: "selected",
});
new DependabotOrgSecretRepoSelection(
  "docker-registry-readers",
  { org: "octo-org", secretName: "DOCKER_REGISTRY_TOKEN", repositories: ["octo-org/hello-world"] },
  { dependsOn: [registry] },
);
