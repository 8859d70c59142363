import { SecretSet } from "pulumi-github-secrets";

// One repository secret per entry of secrets.env, read when the program runs. Adding a line
// creates one secret, removing one deletes one, and reordering changes nothing. A line the file's
// syntax does not allow stops the program with its line number, before anything is sent.
const ci = new SecretSet("spoon-knife-ci", {
  owner: "octo-org",
  repository: "spoon-knife",
  envFile: "secrets.env",
});

// The same from a map, here for a deployment environment, with each value from the environment
// as a pipeline hands it out. Every value is made a Pulumi secret before it reaches a resource.
function fromEnvironment(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set the environment variable ${name} to the value of the ${name} secret.`);
  return value;
}

new SecretSet("production", {
  owner: "octo-org",
  repository: "hello-world",
  environment: "production",
  values: {
    STRIPE_KEY: fromEnvironment("STRIPE_KEY"),
    WEBHOOK_SECRET: fromEnvironment("WEBHOOK_SECRET"),
  },
  // A refresh that finds one of them changed by hand stops the next update instead of overwriting.
  onDrift: "fail",
});

export const ciSecrets = Object.keys(ci.secrets);
// Each secret is a resource of its own, by name.
export const signingKeyUpdatedAt = ci.secrets.SIGNING_KEY.updatedAt;
