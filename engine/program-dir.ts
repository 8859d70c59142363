// Scratch copies of test programs. They live inside the repository (under the gitignored `.state/programs/`)
// so that @pulumi/pulumi and the package's dependencies resolve from the repository's node_modules by walking
// up, and outside the folders Jest scans.
import { cpSync, mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { packageRoot } from "./install-package";

/** Copies the program directory `source` to a new scratch directory and returns its path. */
export function makeProgramDir(source: string): string {
  const parent = join(packageRoot(), ".state", "programs");
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, `${basename(source)}-`));
  const skipped = (path: string) =>
    relative(source, path)
      .split(sep)
      .some((p) => p === "node_modules" || p === ".state");
  cpSync(source, dir, { recursive: true, filter: (path) => !skipped(path) });
  return dir;
}

export function removeProgramDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
