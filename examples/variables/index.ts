import * as pulumi from "@pulumi/pulumi";
import { EnvVariable, OrgVariable, OrgVariableRepoSelection, RepoVariable, VariableSet } from "pulumi-github-secrets";

// Actions variables are plaintext on GitHub (workflows read them as `vars.NAME`), so the state keeps their values
// and a refresh compares them with GitHub's. A value given as a Pulumi secret stays encrypted in the state.

// An organization variable that only the selected repositories can read; the list is managed apart from it.
const registry = new OrgVariable("registry-url", {
  org: "octo-org",
  variableName: "REGISTRY_URL",
  value: "https://registry.example.com",
  visibility: "selected",
});
new OrgVariableRepoSelection(
  "registry-url-readers",
  { org: "octo-org", variableName: "REGISTRY_URL", repositories: ["octo-org/hello-world", 1300192] },
  { dependsOn: [registry] },
);

// A repository's variable; a new value is one PATCH, a new name replaces it (the old one deleted first).
new RepoVariable("log-level", {
  owner: "octo-org",
  repository: "hello-world",
  variableName: "LOG_LEVEL",
  value: "info",
});

// An environment's variable whose value is kept secret in the state (GitHub itself shows it to readers).
function fromEnvironment(name: string): pulumi.Output<string> {
  const value = process.env[name];
  if (!value) throw new Error(`Set the environment variable ${name} to the value of the ${name} variable.`);
  return pulumi.secret(value);
}

new EnvVariable("database-host", {
  owner: "octo-org",
  repository: "hello-world",
  environment: "production",
  variableName: "DATABASE_HOST",
  value: fromEnvironment("DATABASE_HOST"),
  // A refresh that finds it changed by hand stops the next update instead of overwriting.
  onDrift: "fail",
});

// One variable per line of a .env file, as SecretSet does for secrets; a bad line stops the program with its number.
const ci = new VariableSet("spoon-knife-ci", {
  owner: "octo-org",
  repository: "spoon-knife",
  envFile: "variables.env",
});

export const ciVariables = Object.keys(ci.variables);
export const registryUpdatedAt = registry.updatedAt;
