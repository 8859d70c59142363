// YAML for Pulumi.yaml and Pulumi.<stack>.yaml. The project has no YAML dependency of its own; @pulumi/pulumi
// depends on js-yaml, so the harness loads that copy, resolved from @pulumi/pulumi's own directory.
import { dirname } from "node:path";

interface JsYaml {
  load(text: string): unknown;
  dump(value: unknown, options?: { lineWidth?: number }): string;
}

const pulumiDir = dirname(require.resolve("@pulumi/pulumi/package.json"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsYaml: JsYaml = require(require.resolve("js-yaml", { paths: [pulumiDir] }));

export function parseYaml(text: string): unknown {
  return jsYaml.load(text);
}

export function dumpYaml(value: unknown): string {
  return jsYaml.dump(value, { lineWidth: -1 });
}
