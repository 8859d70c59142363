import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { installPackage, packedFiles } from "./install-package";

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
});
