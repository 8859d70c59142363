import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { dependsOnCheckout, installPackage, packedFiles } from "./install-package";

describe("installPackage", () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "install-package-"));
    const files: { [path: string]: string } = {
      "pkg/package.json": JSON.stringify({
        name: "pkg-under-test",
        version: "1.0.0",
        main: "dist/index.js",
        bin: { tool: "dist/cli.js" },
        files: ["dist/"],
      }),
      "pkg/README.md": "readme",
      "pkg/LICENSE": "license",
      "pkg/dist/index.js": "module.exports = 1;",
      "pkg/dist/cli.js": "#!/usr/bin/env node",
      "pkg/dist/sub/deep.d.ts": "export {};",
      "pkg/dist/sub/.DS_Store": "x",
      "pkg/src/index.ts": "export = 1;",
      "pkg/notes.txt": "not published",
      "program/package.json": JSON.stringify({ name: "program", dependencies: { "pkg-under-test": "*" } }),
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test("selects exactly the files `npm pack` would publish", () => {
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: join(root, "pkg"), encoding: "utf8" }),
    );
    const npmFiles = (packed[0].files as { path: string }[]).map((f) => f.path).sort();
    expect(packedFiles(join(root, "pkg"))).toEqual(npmFiles);
  });

  test("copies them into the program's node_modules as real files, replacing an older copy", () => {
    const target = installPackage(join(root, "pkg"), join(root, "program"));
    expect(target).toBe(join(root, "program", "node_modules", "pkg-under-test"));
    expect(lstatSync(target).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(target, "dist", "index.js"), "utf8")).toBe("module.exports = 1;");
    writeFileSync(join(root, "pkg", "dist", "index.js"), "module.exports = 2;");
    rmSync(join(root, "pkg", "dist", "cli.js"));
    installPackage(join(root, "pkg"), join(root, "program"));
    expect(readFileSync(join(target, "dist", "index.js"), "utf8")).toBe("module.exports = 2;");
    expect(() => lstatSync(join(target, "dist", "cli.js"))).toThrow();
  });

  test("makes the bin files executable, as npm does, whatever their mode in the checkout", () => {
    writeFileSync(join(root, "pkg", "dist", "cli.js"), "#!/usr/bin/env node", { mode: 0o644 });
    const target = installPackage(join(root, "pkg"), join(root, "program"));
    expect(statSync(join(target, "dist", "cli.js")).mode & 0o777).toBe(0o755);
    expect(statSync(join(target, "dist", "index.js")).mode & 0o111).toBe(0);
  });

  test("installs only into programs that depend on the checkout itself, never over a user's installed version", () => {
    const withDependency = (spec: string) => {
      const dir = mkdtempSync(join(root, "user-program-"));
      writeFileSync(join(dir, "package.json"), JSON.stringify({ dependencies: { "pkg-under-test": spec } }));
      return dir;
    };
    const pkg = join(root, "pkg");
    expect(dependsOnCheckout(withDependency("^1.0.0"), pkg)).toBe(false);
    expect(dependsOnCheckout(withDependency("*"), pkg)).toBe(false);
    expect(dependsOnCheckout(withDependency("file:../elsewhere"), pkg)).toBe(false);
    expect(dependsOnCheckout(withDependency("file:../pkg"), pkg)).toBe(true);
    expect(dependsOnCheckout(withDependency(`file:${pkg}`), pkg)).toBe(true);
  });
});
