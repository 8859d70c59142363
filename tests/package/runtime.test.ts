import { readFileSync } from "node:fs";
import { join } from "node:path";
import { makeProgramDir, removeProgramDir } from "../../engine/program-dir";
import { runEngine } from "../../engine/run-engine";
import { engineTimeout } from "../support/engine-timeout";

// CI runs the suite on more than one Node.js and @pulumi/pulumi (see .ci/run): a leg means something only if the
// programs and the dynamic-provider host it starts run on that Node.js and load that @pulumi/pulumi too.
test(
  "programs and the dynamic-provider host run on the Node.js that runs the suite, with the installed @pulumi/pulumi",
  async () => {
    const dir = makeProgramDir(join(__dirname, "fixtures", "runtime"));
    const env = { PULUMI_CONFIG_PASSPHRASE: "runtime report", PULUMI_NODEJS_TRANSPILE_ONLY: "true" };
    try {
      const up = await runEngine(["up", "--yes", "--cwd", dir], { env });
      expect(up).toMatchObject({ exitCode: 0, stderr: "" });
      const exported = await runEngine(["stack", "export", "--cwd", dir], { env });
      const stack = JSON.parse(exported.stdout).deployment.resources.find(
        (r: { type: string }) => r.type === "pulumi:pulumi:Stack",
      );
      expect(stack.outputs).toEqual({
        programNode: process.version,
        hostNode: process.version,
        programPulumi: (
          JSON.parse(readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }
        ).version,
      });
    } finally {
      removeProgramDir(dir);
    }
  },
  engineTimeout(60_000),
);
