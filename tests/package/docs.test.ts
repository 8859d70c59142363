import { cpSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { packageRoot } from "../../engine/install-package";
import { packedPackage, type PackedPackage } from "./packed-package";
import { readmeBlocks } from "./readme-blocks";
import { typeCheck } from "./type-check";

// What the documentation shows compiles against the package as published (the tarball, its declarations and
// its `exports`), not against the sources: every TypeScript block of the README, and every example program.
const ROOT = packageRoot();
let pack: PackedPackage;

beforeAll(async () => {
  pack = await packedPackage();
}, 60_000);
afterAll(() => pack?.remove());

test("every TypeScript block of the README type-checks against the packed package", async () => {
  const blocks = readmeBlocks(readFileSync(join(ROOT, "README.md"), "utf8"));
  // ES modules, so that a block may await at the top level as an ES module program can.
  const files = blocks.map(({ line, code }) => {
    const file = `readme-line-${line}.mts`;
    writeFileSync(join(pack.dir, file), code);
    return file;
  });
  const errors = await typeCheck({
    dir: pack.dir,
    name: "readme",
    files,
    compilerOptions: { module: "nodenext", moduleResolution: "nodenext", target: "es2022" },
  });
  // An error in a block is named by its README line; one elsewhere (in the package's declarations) as it is.
  const place = ({ file, line }: { file: string; line: number }) => {
    const block = /^readme-line-(\d+)\.mts$/.exec(file);
    return block ? `README.md:${Number(block[1]) + line - 1}` : `${file}:${line}`;
  };
  expect(blocks.length).toBeGreaterThan(0);
  expect(errors.map((e) => `${place(e)}: ${e.message}`)).toEqual([]);
}, 60_000);

test("every example program type-checks against the packed package, as a Pulumi project compiles it", async () => {
  // Each example's own files, copied beside the installed tarball (its node_modules, if any, left behind).
  cpSync(join(ROOT, "examples"), join(pack.dir, "examples"), {
    recursive: true,
    filter: (path) => !path.split(sep).includes("node_modules"),
  });
  const files = sourceFiles(join(pack.dir, "examples")).map((file) => relative(pack.dir, file));
  // The compiler options of Pulumi's TypeScript project template.
  const compilerOptions = {
    module: "commonjs",
    moduleResolution: "node10",
    target: "es2020",
    noImplicitReturns: true,
    noFallthroughCasesInSwitch: true,
  };
  const errors = await typeCheck({ dir: pack.dir, name: "examples", files, compilerOptions });
  expect(files.length).toBeGreaterThan(0);
  expect(errors.map((e) => `${e.file}:${e.line}: ${e.message}`)).toEqual([]);
}, 60_000);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith(".ts") ? [path] : [];
  });
}
