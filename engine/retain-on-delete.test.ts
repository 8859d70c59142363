// The `retainOnDelete` resource option against the toy program: the engine drops a retained resource from the
// state where it would delete it (removal from the program, either half of a replacement, destroy) and never
// calls the provider's Delete for it (pkg/resource/deploy/step.go, DeleteStep.Apply).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { removeProgramDir } from "./program-dir";
import { ToyProgram } from "./toy-program";

const TIMEOUT = 120_000;
const TYPE = "pulumi-nodejs:dynamic:Resource";

describe("engine harness retainOnDelete", () => {
  const toy = new ToyProgram();
  afterAll(() => removeProgramDir(toy.dir));
  const remoteIds = () => new Map([...toy.resources()].map(([name, r]) => [name, r.id as string]));

  test(
    "kept in the state, honoured on removal, on both kinds of replacement and on destroy",
    async () => {
      await toy.setup([
        { name: "kept", value: "1" },
        { name: "gone", value: "1" },
        { name: "swapped", value: "1", replaceKey: "k1", retainOnDelete: true },
        { name: "swapped-dbr", value: "1", replaceKey: "k1", deleteBeforeReplace: true, retainOnDelete: true },
      ]);
      await toy.expectOk(toy.run("up", "--yes"));
      expect(toy.resources().get("swapped")?.retainOnDelete).toBe(true);
      expect(toy.resources().get("kept")).not.toHaveProperty("retainOnDelete");
      const before = remoteIds();
      toy.calls();

      // Adding the option alone changes nothing but the state. Both replacements create the new resource and
      // leave the old one where it is.
      await toy.declare([
        { name: "kept", value: "1", retainOnDelete: true },
        { name: "gone", value: "1" },
        { name: "swapped", value: "1", replaceKey: "k2", retainOnDelete: true },
        { name: "swapped-dbr", value: "1", replaceKey: "k2", deleteBeforeReplace: true, retainOnDelete: true },
      ]);
      let r = await toy.expectOk(toy.run("up", "--yes"));
      expect(r.stdout).toContain(` +- swapped [${TYPE}] replaced[retain]\n`);
      expect(r.stdout).toContain(` +- swapped-dbr [${TYPE}] replaced[retain]\n`);
      expect(r.stdout).toContain("+-2 replaced");
      expect(r.stdout).not.toContain(" kept ");
      expect(toy.resources().get("kept")?.retainOnDelete).toBe(true);
      expect(
        toy
          .calls()
          .filter((c) => c.op !== "configure" && c.op !== "check" && c.op !== "diff")
          .map((c) => c.op),
      ).toEqual(["create", "create"]);
      for (const name of ["swapped", "swapped-dbr"]) {
        expect(existsSync(join(toy.remote, before.get(name)!))).toBe(true);
        expect(toy.resources().get(name)?.id).not.toBe(before.get(name));
      }
      expect(toy.stateText()).not.toContain('"delete": true');

      // Removed from the program: the retained one only leaves the state; the other is deleted.
      await toy.declare([{ name: "swapped", value: "1", replaceKey: "k2", retainOnDelete: true }]);
      r = await toy.expectOk(toy.run("preview"));
      expect(r.stdout).toContain(` -  kept [${TYPE}] delete[retain]\n`);
      r = await toy.expectOk(toy.run("up", "--yes"));
      expect(r.stdout).toContain(` -  kept [${TYPE}] deleted[retain]\n`);
      expect(r.stdout).toContain(` -  gone [${TYPE}] deleted\n`);
      expect(
        toy
          .calls()
          .filter((c) => c.op === "delete")
          .map((c) => c.name),
      ).toEqual(["gone"]);
      expect(existsSync(join(toy.remote, before.get("kept")!))).toBe(true);
      expect([...toy.resources().keys()].sort()).toEqual(["default", "swapped", "toy-dev"]);

      // Destroy drops it too, without a Delete.
      const swapped = toy.resources().get("swapped")?.id;
      r = await toy.expectOk(toy.run("destroy", "--yes"));
      expect(r.stdout).toContain(` -  swapped [${TYPE}] deleted[retain]\n`);
      expect(toy.calls().filter((c) => c.op === "delete")).toEqual([]);
      expect(existsSync(join(toy.remote, swapped))).toBe(true);
      expect(toy.resources().size).toBe(0);
    },
    TIMEOUT,
  );
});
