// Reads Pulumi.yaml the way the CLI does for a Node.js program: project name, `main` (a file or a directory,
// relative to the project root) and the runtime options `typescript` (default true) and `tsconfig`.
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Project } from "./types";
import { parseYaml } from "./yaml";

interface ProjectFile {
  name?: unknown;
  main?: unknown;
  runtime?: unknown;
}

export function readProject(dir: string): Project {
  const rootDir = resolve(dir);
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => join(rootDir, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`no Pulumi.yaml project file found in ${rootDir}`);
  const doc = (parseYaml(readFileSync(file, "utf8")) ?? {}) as ProjectFile;
  if (typeof doc.name !== "string" || doc.name === "") throw new Error(`${file}: project name is missing`);

  const runtime =
    typeof doc.runtime === "string" ? { name: doc.runtime } : (doc.runtime as { name?: unknown; options?: unknown });
  if (runtime?.name !== "nodejs") throw new Error(`${file}: the harness runs only 'nodejs' programs`);
  const runtimeOptions = (runtime.options ?? {}) as { [key: string]: unknown };

  let programDir = rootDir;
  let entryPoint = ".";
  if (typeof doc.main === "string" && doc.main !== "") {
    const main = resolve(rootDir, doc.main);
    if (statSync(main).isDirectory()) {
      programDir = main;
    } else {
      programDir = dirname(main);
      entryPoint = basename(main);
    }
  }
  return {
    name: doc.name,
    rootDir,
    programDir,
    entryPoint,
    typescript: runtimeOptions.typescript !== false,
    tsconfig: typeof runtimeOptions.tsconfig === "string" ? runtimeOptions.tsconfig : undefined,
    runtimeOptions,
  };
}
