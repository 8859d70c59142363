import * as pulumi from "@pulumi/pulumi";
import { EnvSecret } from "pulumi-github-secrets";

const config = new pulumi.Config();

for (const environment of ["production", "prod/eu west"]) {
  // Give environment names as they read; each is percent-encoded exactly once when sent.
  new EnvSecret(`db-password-${environment}`, {
    owner: "octo-org",
    repository: "hello-world",
    environment,
    secretName: "DB_PASSWORD",
    plaintextValue: config.requireSecret("dbPassword"),
  });
}
