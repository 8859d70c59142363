// `state delete` against the toy program: resources leave the state and no provider is called, all or nothing,
// with the CLI's refusals for resources others depend on and for protected ones.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { removeProgramDir } from "./program-dir";
import { ToyProgram } from "./toy-program";

const TIMEOUT = 120_000;
const TYPE = "pulumi-nodejs:dynamic:Resource";
const urn = (name: string) => `urn:pulumi:dev::toy::${TYPE}::${name}`;

describe("engine harness state delete", () => {
  const toy = new ToyProgram();
  afterAll(() => removeProgramDir(toy.dir));

  test(
    "refuses what others depend on, takes a resource with its dependents, calls no provider",
    async () => {
      await toy.setup([
        { name: "base", value: "1" },
        { name: "leaf", value: "1", dependsOn: ["base"] },
        { name: "other", value: "1" },
      ]);
      await toy.expectOk(toy.run("up", "--yes"));
      const ids = ["base", "leaf", "other"].map((name) => toy.resources().get(name)?.id as string);
      const stateBefore = toy.stateText();
      toy.calls();

      let r = await toy.run("state", "delete", urn("base"));
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toBe(
        `error: ${urn("base")} can't be safely deleted because the following resources depend on it:\n` +
          ` * "leaf"          (${urn("leaf")})\n\nDelete those resources first or pass --target-dependents.\n`,
      );
      r = await toy.run("state", "delete", urn("missing"));
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain(`error: No such resource "${urn("missing")}" exists in the current state\n`);
      r = await toy.run("state", "delete", "base");
      expect(r.stderr).toContain('error: "base" is not a valid resource URN\n');
      // All or nothing: "other" was valid, but nothing was taken.
      r = await toy.run("state", "delete", urn("other"), urn("missing"));
      expect(r.exitCode).toBe(1);
      expect(toy.stateText()).toBe(stateBefore);

      // A resource and what depends on it, in any order.
      r = await toy.expectOk(toy.run("state", "delete", urn("base"), urn("leaf"), "--yes"));
      expect(r.stdout).toBe("2 resources deleted\n");
      expect([...toy.resources().keys()].sort()).toEqual(["default", "other", "toy-dev"]);
      r = await toy.expectOk(toy.run("state", "rm", urn("other"), "--target-dependents"));
      expect(r.stdout).toBe("Resource deleted\n");
      expect(toy.calls()).toEqual([]);
      for (const id of ids) expect(existsSync(join(toy.remote, id))).toBe(true);

      // The program still declares them: the next up creates them anew.
      r = await toy.expectOk(toy.run("up", "--yes"));
      expect(r.stdout).toContain("+ 3 created");
    },
    TIMEOUT,
  );

  test(
    "--target-dependents takes the dependents along; a protected resource needs --force",
    async () => {
      const provider = toy.resources().get("base")?.inputs.__provider;
      const entry = {
        type: TYPE,
        name: "imported",
        id: "imported-1",
        inputs: { name: "imported", value: "1", __provider: provider },
      };
      writeFileSync(join(toy.dir, "import.json"), JSON.stringify({ resources: [{ ...entry, outputs: entry.inputs }] }));
      await toy.expectOk(toy.run("import", "--file", "import.json", "--yes", "--generate-code=false"));
      expect(toy.resources().get("imported")?.protect).toBe(true);

      let r = await toy.run("state", "delete", urn("imported"));
      expect(r.stderr).toBe(
        `error: ${urn("imported")} can't be safely deleted because it is protected. Re-run this command with --force to force deletion\n`,
      );
      r = await toy.expectOk(toy.run("state", "delete", urn("imported"), "--force"));
      expect(r.stderr).toBe(`warning: deleting protected resource ${urn("imported")} due to presence of --force\n`);

      r = await toy.expectOk(toy.run("state", "delete", urn("base"), "--target-dependents"));
      expect(r.stdout).toBe("Resource deleted\n");
      expect([...toy.resources().keys()].sort()).toEqual(["default", "other", "toy-dev"]);
      expect(toy.calls().filter((c) => c.op === "delete")).toEqual([]);

      expect((await toy.run("state", "move", urn("other"))).exitCode).toBe(2);
      expect((await toy.run("up", "--yes", "--force")).exitCode).toBe(2);
    },
    TIMEOUT,
  );
});
