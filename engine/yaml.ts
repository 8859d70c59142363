// YAML for Pulumi.yaml and Pulumi.<stack>.yaml. The project has no YAML dependency of its own; @pulumi/pulumi
// depends on js-yaml, so the harness loads that copy, resolved from @pulumi/pulumi's own directory.
import { dirname } from "node:path";

interface JsYaml {
  load(text: string): unknown;
  dump(value: unknown, options?: { lineWidth?: number }): string;
}

const pulumiDir = dirname(require.resolve("@pulumi/pulumi/package.json"));
// The js-yaml that @pulumi/pulumi depends on, which the package itself does not (so it is found from there).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a path resolved at run time, which import cannot take
const jsYaml = require(require.resolve("js-yaml", { paths: [pulumiDir] })) as JsYaml;

export function parseYaml(text: string): unknown {
  return jsYaml.load(text);
}

export function dumpYaml(value: unknown): string {
  return jsYaml.dump(value, { lineWidth: -1 });
}
