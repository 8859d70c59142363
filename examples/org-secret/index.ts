import * as pulumi from "@pulumi/pulumi";
import { OrgSecret } from "pulumi-github-secrets";

const config = new pulumi.Config();

// Every repository of the organization can read it.
new OrgSecret("registry-token", {
  org: "octo-org",
  secretName: "REGISTRY_TOKEN",
  plaintextValue: config.requireSecret("registryToken"),
  visibility: "all",
});

// Only the listed repositories, by id or by owner/name (names are resolved to ids once and the
// ids kept, so renaming a repository later is harmless). Changing the list, or the visibility,
// updates the secret in place; a list change alone never re-sends the value.
new OrgSecret("deploy-key", {
  org: "octo-org",
  secretName: "DEPLOY_KEY",
  plaintextValue: config.requireSecret("deployKey"),
  visibility: "selected",
  selectedRepositories: ["octo-org/hello-world", 1300192],
  // A refresh that finds the secret changed by hand stops the next update instead of overwriting.
  onDrift: "fail",
});
