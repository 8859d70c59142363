// The Node.js binary for every process the harness starts: the project's `node` dev dependency (Node 22, which
// @pulumi/pulumi 3.249+ declares) when installed, else whatever Node runs the harness.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

export function nodeBinary(): string {
  try {
    const candidate = join(dirname(require.resolve("node/package.json")), "bin", "node");
    if (existsSync(candidate)) return candidate;
  } catch {
    // No `node` package: fall through.
  }
  return process.execPath;
}
