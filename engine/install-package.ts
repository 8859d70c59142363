// Installs the package under test into a program the way a user's `npm install` would: a real copy of exactly
// the files `npm pack` would publish, in the program's node_modules. Not a symlink: Pulumi's closure serializer
// writes `require("<package>/...")` only for modules whose real path is under node_modules, and would inline
// (copy by value) a symlinked package that resolves outside it. The copy is made fresh on every run, so a new
// build of dist/ is always what the program and the provider host load.
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import type { Project } from "./types";

interface PackageJson {
  name: string;
  main?: string;
  bin?: string | { [name: string]: string };
  files?: string[];
  dependencies?: { [name: string]: string };
  devDependencies?: { [name: string]: string };
}

// npm-packlist's rules: these are published whatever `files` says ...
const ALWAYS = /^(readme|license|licence)(\..*)?$/i;
// ... and these never are.
const NEVER = new Set([
  ".git",
  ".svn",
  ".hg",
  "CVS",
  "node_modules",
  ".npmrc",
  ".DS_Store",
  "npm-debug.log",
  "package-lock.json",
  "config.gypi",
]);
const NEVER_PATTERN = /^(\._.*|\..*\.swp|.*\.orig)$/;

/** The files, relative to `packageRoot`, that `npm pack` would put in the tarball (for a plain `files` list). */
export function packedFiles(packageRoot: string): string[] {
  const pkg = readPackageJson(packageRoot);
  const files = new Set<string>(["package.json"]);
  for (const entry of readdirSync(packageRoot))
    if (ALWAYS.test(entry) && statSync(join(packageRoot, entry)).isFile()) files.add(entry);
  // Without `files` npm applies .npmignore/.gitignore rules, which this copy does not reproduce.
  if (!pkg.files) throw new Error(`install-package: ${packageRoot}/package.json has no "files" list`);
  const entries = pkg.files;
  const bins = typeof pkg.bin === "string" ? [pkg.bin] : Object.values(pkg.bin ?? {});
  for (const entry of [...entries, ...(pkg.main ? [pkg.main] : []), ...bins]) {
    if (/[*?[\]{}!]/.test(entry))
      throw new Error(`install-package: glob patterns in "files" are not supported (${entry})`);
    const path = join(packageRoot, entry);
    if (existsSync(path)) walk(packageRoot, path, files);
  }
  return [...files].sort();
}

function walk(root: string, path: string, files: Set<string>): void {
  const name = basename(path);
  if (NEVER.has(name) || NEVER_PATTERN.test(name)) return;
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path)) walk(root, join(path, entry), files);
  } else {
    files.add(relative(root, path));
  }
}

/**
 * Whether the program's package.json depends on this very checkout (`"<name>": "file:<path to it>"`), as the
 * project's own programs and examples do: only then does the engine command install it. A user's program that
 * depends on a published version keeps what `npm install` put there.
 */
export function dependsOnCheckout(programPackageDir: string, packageRoot: string): boolean {
  const file = join(programPackageDir, "package.json");
  if (!existsSync(file)) return false;
  const pkg = JSON.parse(readFileSync(file, "utf8")) as Partial<PackageJson>;
  const { name } = readPackageJson(packageRoot);
  const spec = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name];
  return spec?.startsWith("file:") === true && resolve(programPackageDir, spec.slice("file:".length)) === packageRoot;
}

/**
 * Replaces `<programPackageDir>/node_modules/<name>` with a fresh copy of the packed files of `packageRoot`, each
 * with its mode, and the `bin` files executable, as npm makes them on install.
 */
export function installPackage(packageRoot: string, programPackageDir: string): string {
  const pkg = readPackageJson(packageRoot);
  const target = join(programPackageDir, "node_modules", pkg.name);
  rmSync(target, { recursive: true, force: true });
  for (const file of packedFiles(packageRoot)) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(packageRoot, file), join(target, file));
  }
  for (const bin of typeof pkg.bin === "string" ? [pkg.bin] : Object.values(pkg.bin ?? {})) {
    const file = join(target, bin);
    if (existsSync(file)) chmodSync(file, statSync(file).mode | 0o111);
  }
  return target;
}

function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as PackageJson;
}

/** The package that holds the harness (the package under test): the nearest package.json above this file. */
export function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, "package.json"))) {
    if (dirname(dir) === dir) throw new Error("no package.json above the engine harness");
    dir = dirname(dir);
  }
  return dir;
}

/** The program gets a fresh copy of the package under test when its package.json depends on this checkout. */
export function installIfDepended(project: Project): void {
  const root = packageRoot();
  const programPackageDir = existsSync(join(project.programDir, "package.json")) ? project.programDir : project.rootDir;
  if (dependsOnCheckout(programPackageDir, root)) installPackage(root, programPackageDir);
}
