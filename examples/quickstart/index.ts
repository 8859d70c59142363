import * as pulumi from "@pulumi/pulumi";
import { RepoSecret } from "pulumi-github-secrets";

// Values come from the stack's config as secrets:
//   pulumi config set --secret deployToken ...
//   pulumi config set --secret npmToken ...
// and GitHub from the provider's keys: github:token (or GITHUB_TOKEN) and, for GitHub
// Enterprise Server or the emulator, github:baseUrl.
const config = new pulumi.Config();

const deployToken = new RepoSecret("deploy-token", {
  owner: "octo-org",
  repository: "hello-world",
  secretName: "DEPLOY_TOKEN",
  plaintextValue: config.requireSecret("deployToken"),
});

const npmToken = new RepoSecret("npm-token", {
  owner: "octo-org",
  repository: "spoon-knife",
  secretName: "NPM_TOKEN",
  plaintextValue: config.requireSecret("npmToken"),
});

export const secretIds = [deployToken.id, npmToken.id];
export const deployTokenUpdatedAt = deployToken.updatedAt;
