import * as pulumi from "@pulumi/pulumi";
import { SecretSet, type SecretSetArgs } from "pulumi-github-secrets";

// The stack config `sets` says which sets to declare. A set with `valuesFromEnvironment` is the map
// form, each value from the environment variable VALUE_<NAME>; the others name a .env file beside
// the program in their args.
interface DeclaredSet {
  name: string;
  args: SecretSetArgs;
  valuesFromEnvironment?: string[];
}

for (const { name, args, valuesFromEnvironment } of new pulumi.Config().requireObject<DeclaredSet[]>("sets")) {
  const values =
    valuesFromEnvironment &&
    Object.fromEntries(valuesFromEnvironment.map((key) => [key, process.env[`VALUE_${key}`]!]));
  new SecretSet(name, values ? { ...args, values } : args);
}
