import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";

// The benchmark's floor: the same resources as the secrets it declares (names, and a value given as
// a Pulumi secret), through a dynamic provider that makes no request and keeps nothing, so a run of
// this program is what Pulumi itself costs for N dynamic resources.
interface Declared {
  name: string;
  args: { secretName: string };
}

const nothing: pulumi.dynamic.ResourceProvider = {
  async create(inputs: { secretName: string }) {
    return { id: inputs.secretName, outs: { secretName: inputs.secretName } };
  },
  async diff() {
    return { changes: false };
  },
};

class Nothing extends pulumi.dynamic.Resource {
  constructor(name: string, props: { secretName: string; value: pulumi.Input<string> }) {
    super(nothing, name, props);
  }
}

const listFile = join(__dirname, "resources.json");
const declared = existsSync(listFile) ? (JSON.parse(readFileSync(listFile, "utf8")) as Declared[]) : [];
for (const { name, args } of declared) {
  const value = pulumi.secret(process.env[`VALUE_${name.toUpperCase().replace(/-/g, "_")}`] ?? "");
  new Nothing(name, { secretName: args.secretName, value });
}
