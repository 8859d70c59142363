import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";

// The benchmark's floor: the same resources as the secrets it declares (names, and a value given as
// a Pulumi secret) and the same stack output as programs/declared, through a dynamic provider that
// makes no request and keeps nothing, so a run of this program is what Pulumi itself costs for N
// dynamic resources.
interface Declared {
  name: string;
  args: { secretName: string };
}

const nothing: pulumi.dynamic.ResourceProvider = {
  async create(inputs: { secretName: string }) {
    return { id: inputs.secretName, outs: { secretName: inputs.secretName, updatedAt: new Date().toISOString() } };
  },
  async diff() {
    return { changes: false };
  },
};

class Nothing extends pulumi.dynamic.Resource {
  declare public readonly updatedAt: pulumi.Output<string>;
  constructor(name: string, props: { secretName: string; value: pulumi.Input<string> }) {
    super(nothing, name, { ...props, updatedAt: undefined });
  }
}

const listFile = join(__dirname, "resources.json");
const declared = existsSync(listFile) ? (JSON.parse(readFileSync(listFile, "utf8")) as Declared[]) : [];
const made = declared.map(({ name, args }) => {
  const value = pulumi.secret(process.env[`VALUE_${name.toUpperCase().replace(/-/g, "_")}`] ?? "");
  return [name, new Nothing(name, { secretName: args.secretName, value })] as const;
});

// What programs/declared exports too: each resource's `updatedAt`.
export const updatedAt = Object.fromEntries(made.map(([name, resource]) => [name, resource.updatedAt]));
