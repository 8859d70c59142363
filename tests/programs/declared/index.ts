import * as pulumi from "@pulumi/pulumi";
import * as github from "pulumi-github-secrets";

// One program for every harness test: the stack config `resources` says what to declare. Each value
// comes from the environment variable VALUE_<NAME>, as a pipeline hands secrets to `pulumi up`
// (values kept in the stack config would also be kept, encrypted, in the state: the engine stores
// the whole stack config as the inputs of the dynamic provider).
interface Declared {
  kind: "RepoSecret" | "EnvSecret" | "OrgSecret" | "OrgSecretRepoSelection";
  name: string;
  args: Record<string, unknown>;
  import?: string;
  dependsOn?: string[];
}

const config = new pulumi.Config();
const valueVariable = (name: string) => `VALUE_${name.toUpperCase().replace(/-/g, "_")}`;
const declared = config.requireObject<Declared[]>("resources");
const made = new Map<string, pulumi.Resource>();

for (const { kind, name, args, import: importId, dependsOn } of declared) {
  const value = kind === "OrgSecretRepoSelection" ? {} : { plaintextValue: process.env[valueVariable(name)] };
  const opts = { import: importId, dependsOn: (dependsOn ?? []).map((n) => made.get(n)!) };
  const Resource = github[kind] as unknown as new (name: string, args: object, opts: pulumi.CustomResourceOptions) => pulumi.Resource;
  made.set(name, new Resource(name, { ...args, ...value }, opts));
}

// Each resource's outputs as the program sees them, to check they reach the program.
export const updatedAt = Object.fromEntries([...made].map(([name, resource]) => [name, (resource as unknown as { updatedAt?: pulumi.Output<string> }).updatedAt]));
