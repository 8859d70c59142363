import * as pulumi from "@pulumi/pulumi";
import { RepoSecret } from "pulumi-github-secrets";

// Values come from the environment, as a pipeline hands its secrets to `pulumi up`. (Values kept
// in the stack config work too, with `config.requireSecret`, but Pulumi itself then also keeps
// them, encrypted, in the state: the engine stores the whole stack config as the dynamic
// provider's inputs.) GitHub is reached with github:token (or GITHUB_TOKEN) and, for GitHub
// Enterprise Server or the emulator, github:baseUrl.
function fromEnvironment(name: string): pulumi.Output<string> {
  const value = process.env[name];
  if (!value) throw new Error(`Set the environment variable ${name} to the value of the ${name} secret.`);
  return pulumi.secret(value);
}

const deployToken = new RepoSecret("deploy-token", {
  owner: "octo-org",
  repository: "hello-world",
  secretName: "DEPLOY_TOKEN",
  plaintextValue: fromEnvironment("DEPLOY_TOKEN"),
});

const npmToken = new RepoSecret("npm-token", {
  owner: "octo-org",
  repository: "spoon-knife",
  secretName: "NPM_TOKEN",
  plaintextValue: fromEnvironment("NPM_TOKEN"),
});

export const secretIds = [deployToken.id, npmToken.id];
export const deployTokenUpdatedAt = deployToken.updatedAt;
