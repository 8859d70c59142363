import * as pulumi from "@pulumi/pulumi";
import { RepoSecret } from "pulumi-github-secrets";

const config = new pulumi.Config();

// Adopts the existing secret octo-org/hello-world/LEGACY_TOKEN (and fails if there is none).
// GitHub never returns a value, so the first update writes the program's value once; after
// that, an unchanged value sends nothing. The import ID forms:
//   OrgSecret  ORG/SECRET
//   RepoSecret OWNER/REPO/SECRET
//   EnvSecret  OWNER/REPO/ENVIRONMENT/SECRET  (the environment percent-encoded: prod%2Feu%20west)
new RepoSecret(
  "legacy-token",
  {
    owner: "octo-org",
    repository: "hello-world",
    secretName: "LEGACY_TOKEN",
    plaintextValue: config.requireSecret("legacyToken"),
  },
  { import: "octo-org/hello-world/LEGACY_TOKEN" },
);
