import * as pulumi from "@pulumi/pulumi";
import * as github from "pulumi-github-secrets";

// The variables' harness program: the stack config `resources` says what to declare, as `declared` does for
// secrets. A value comes from the environment variable VALUE_<NAME>, made a Pulumi secret when `secret` is set.
interface Declared {
  kind: "RepoVariable" | "EnvVariable" | "OrgVariable" | "OrgVariableRepoSelection" | "VariableSet";
  name: string;
  args: Record<string, unknown>;
  import?: string;
  dependsOn?: string[];
  secret?: boolean;
}

const config = new pulumi.Config();
const valueVariable = (name: string) => `VALUE_${name.toUpperCase().replace(/-/g, "_")}`;
const made = new Map<string, pulumi.Resource>();

for (const { kind, name, args, import: importId, dependsOn, secret } of config.requireObject<Declared[]>("resources")) {
  const raw = process.env[valueVariable(name)];
  const value = raw === undefined ? {} : { value: secret ? pulumi.secret(raw) : raw };
  const dependencies = (dependsOn ?? []).map((n) => made.get(n)!);
  if (kind === "VariableSet") {
    // A set's values: `args.values`, or a JSON map in VALUE_<NAME>; each made a secret when `secret` is set.
    const given = (raw === undefined ? args.values : JSON.parse(raw)) as Record<string, string> | undefined;
    const values =
      given && Object.fromEntries(Object.entries(given).map(([k, v]) => [k, secret ? pulumi.secret(v) : v]));
    const setArgs = { ...args, ...(values && { values }) } as unknown as github.VariableSetArgs;
    made.set(name, new github.VariableSet(name, setArgs, { dependsOn: dependencies }));
    continue;
  }
  const Resource = github[kind] as unknown as new (
    name: string,
    args: object,
    opts: pulumi.CustomResourceOptions,
  ) => pulumi.Resource;
  made.set(name, new Resource(name, { ...args, ...value }, { import: importId, dependsOn: dependencies }));
}

// Each variable's value as the program sees it: a secret stays one in the stack's outputs too.
export const values = Object.fromEntries(
  [...made].flatMap(([name, resource]) => {
    const value = (resource as unknown as { value?: pulumi.Output<string> }).value;
    return value ? [[name, value]] : [];
  }),
);
