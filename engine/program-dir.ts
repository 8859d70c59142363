// Scratch copies of test programs. They live inside the repository (under the gitignored `.state/programs/`)
// so that @pulumi/pulumi and the package's dependencies resolve from the repository's node_modules by walking
// up, and outside the folders Jest scans.
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve, sep } from "node:path";
import { packageRoot } from "./install-package";

/**
 * Copies the program directory `source` to a new scratch directory and returns its path. A `file:` dependency in
 * its package.json (the project's programs depend on the checkout as `file:../..`) is made absolute, so that it
 * still names the same directory from the copy.
 */
export function makeProgramDir(source: string): string {
  const parent = join(packageRoot(), ".state", "programs");
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, `${basename(source)}-`));
  const skipped = (path: string) =>
    relative(source, path)
      .split(sep)
      .some((p) => p === "node_modules" || p === ".state");
  cpSync(source, dir, { recursive: true, filter: (path) => !skipped(path) });
  const manifest = join(dir, "package.json");
  if (existsSync(manifest)) {
    const pkg = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, unknown>;
    for (const field of ["dependencies", "devDependencies"]) {
      const deps = pkg[field] as Record<string, string> | undefined;
      for (const [name, spec] of Object.entries(deps ?? {}))
        if (spec.startsWith("file:")) deps![name] = `file:${resolve(source, spec.slice("file:".length))}`;
    }
    writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
  }
  return dir;
}

export function removeProgramDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
