import * as pulumi from "@pulumi/pulumi";
import { OrgSecret, OrgSecretRepoSelection } from "pulumi-github-secrets";

const config = new pulumi.Config();

// The secret says who may read it ("selected") but leaves the list to the selection below.
const shared = new OrgSecret("shared-token", {
  org: "octo-org",
  secretName: "SHARED_TOKEN",
  plaintextValue: config.requireSecret("sharedToken"),
  visibility: "selected",
});

// Create sets the whole list; later changes add and remove single repositories; destroying this
// resource removes its repositories from the secret and leaves the secret itself in place.
new OrgSecretRepoSelection(
  "shared-token-readers",
  { org: "octo-org", secretName: "SHARED_TOKEN", repositories: ["octo-org/hello-world", "octo-org/spoon-knife"] },
  { dependsOn: [shared] },
);
