import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as github from "pulumi-github-secrets";

// One program for every harness test: the stack config `resources` says what to declare. Each value
// comes from the environment variable VALUE_<NAME>, as a pipeline hands secrets to `pulumi up`
// (values kept in the stack config would also be kept, encrypted, in the state: the engine stores
// the whole stack config as the inputs of the dynamic provider).
interface Declared {
  /** A resource class the package exports, e.g. `RepoSecret` or `DependabotOrgSecretRepoSelection`. */
  kind: string;
  name: string;
  args: Record<string, unknown>;
  import?: string;
  dependsOn?: string[];
}

const config = new pulumi.Config();
const valueVariable = (name: string) => `VALUE_${name.toUpperCase().replace(/-/g, "_")}`;
// A list too long for the stack config comes in resources.json beside the program instead: the
// engine hands a program its whole stack config in one environment variable, and Linux refuses
// any single one over 128 KB, which a list of 1,000 secrets exceeds (the benchmark's case).
const listFile = join(__dirname, "resources.json");
const declared = existsSync(listFile)
  ? (JSON.parse(readFileSync(listFile, "utf8")) as Declared[])
  : config.requireObject<Declared[]>("resources");
const made = new Map<string, pulumi.Resource>();

for (const { kind, name, args, import: importId, dependsOn } of declared) {
  const value = kind.endsWith("RepoSelection") ? {} : { plaintextValue: process.env[valueVariable(name)] };
  const opts = { import: importId, dependsOn: (dependsOn ?? []).map((n) => made.get(n)!) };
  const Resource = (github as unknown as Record<string, unknown>)[kind] as new (
    name: string,
    args: object,
    opts: pulumi.CustomResourceOptions,
  ) => pulumi.Resource;
  made.set(name, new Resource(name, { ...args, ...value }, opts));
}

// Each resource's outputs as the program sees them, to check they reach the program.
export const updatedAt = Object.fromEntries(
  [...made].map(([name, resource]) => [name, (resource as unknown as { updatedAt?: pulumi.Output<string> }).updatedAt]),
);
