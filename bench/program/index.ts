import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as github from "pulumi-github-secrets";

// tests/programs/declared, but the list comes from resources.json beside this file, not from the
// stack config `resources`: the engine hands a program its whole stack config in one environment
// variable (PULUMI_CONFIG), and Linux refuses any single environment string over 128 KB, which a
// list of 1,000 secrets exceeds (spawn E2BIG). Each value comes from VALUE_<NAME>, as there.
interface Declared {
  kind: "RepoSecret" | "EnvSecret" | "OrgSecret" | "OrgSecretRepoSelection";
  name: string;
  args: Record<string, unknown>;
  import?: string;
  dependsOn?: string[];
}

const valueVariable = (name: string) => `VALUE_${name.toUpperCase().replace(/-/g, "_")}`;
const declared = JSON.parse(readFileSync(join(__dirname, "resources.json"), "utf8")) as Declared[];
const made = new Map<string, pulumi.Resource>();

for (const { kind, name, args, import: importId, dependsOn } of declared) {
  const value = kind === "OrgSecretRepoSelection" ? {} : { plaintextValue: process.env[valueVariable(name)] };
  const opts = { import: importId, dependsOn: (dependsOn ?? []).map((n) => made.get(n)!) };
  const Resource = github[kind] as unknown as new (name: string, args: object, opts: pulumi.CustomResourceOptions) => pulumi.Resource;
  made.set(name, new Resource(name, { ...args, ...value }, opts));
}

export const updatedAt = Object.fromEntries([...made].map(([name, resource]) => [name, (resource as unknown as { updatedAt?: pulumi.Output<string> }).updatedAt]));
