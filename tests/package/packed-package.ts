// The package as a user's `npm install` gets it: `npm pack` (npm's own file rules, no build scripts) extracted into
// `node_modules/pulumi-github-secrets` of a scratch project inside the repository, where its dependencies and
// TypeScript resolve from the repository's node_modules by walking up. The scratch project has a package.json of
// its own: without one, the repository's would be its package scope, and Node and TypeScript would resolve
// `pulumi-github-secrets` to the repository itself (a package may import itself by name), not to the tarball.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { packageRoot } from "../../engine/install-package";

export interface PackedPackage {
  /** The scratch directory, whose `node_modules` holds the package. */
  dir: string;
  /** Where the package was extracted. */
  installed: string;
  /** Every path in the tarball, relative to the package, sorted. */
  files: string[];
  /** The package.json in the tarball. */
  manifest: Manifest;
  remove(): void;
}

export interface Manifest {
  name: string;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: Record<string, string | Record<string, string>>;
  engines?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export async function packedPackage(): Promise<PackedPackage> {
  const root = packageRoot();
  mkdirSync(join(root, ".state"), { recursive: true });
  const dir = mkdtempSync(join(root, ".state", "packed-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "packed-package-user", private: true }));
  const run = promisify(execFile);
  const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: root });
  const [packed] = JSON.parse(stdout) as Array<{ name: string; filename: string; files: Array<{ path: string }> }>;
  const installed = join(dir, "node_modules", packed.name);
  mkdirSync(installed, { recursive: true });
  await run("tar", ["-xzf", join(dir, packed.filename), "-C", installed, "--strip-components=1"]);
  return {
    dir,
    installed,
    files: packed.files.map((f) => f.path).sort(),
    manifest: JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as Manifest,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
