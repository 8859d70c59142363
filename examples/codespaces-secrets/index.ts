import * as pulumi from "@pulumi/pulumi";
import { CodespacesOrgSecret, CodespacesRepoSecret, CodespacesUserSecret } from "pulumi-github-secrets";

const config = new pulumi.Config();

// What a codespace of the repository gets as an environment variable.
new CodespacesRepoSecret("dev-database", {
  owner: "octo-org",
  repository: "hello-world",
  secretName: "DEV_DATABASE_URL",
  plaintextValue: config.requireSecret("devDatabaseUrl"),
});

// The organization's codespaces of the listed repositories get it.
new CodespacesOrgSecret("license-key", {
  org: "octo-org",
  secretName: "IDE_LICENSE_KEY",
  plaintextValue: config.requireSecret("ideLicenseKey"),
  visibility: "selected",
  selectedRepositories: ["octo-org/hello-world", 1300192],
});

// The token's user's own secret, for their codespaces of the listed repositories (a GitHub App installation
// has no user; use a personal token for this one).
new CodespacesUserSecret("dotfiles-token", {
  secretName: "DOTFILES_TOKEN",
  plaintextValue: config.requireSecret("dotfilesToken"),
  selectedRepositories: ["octo-org/hello-world"],
});
