// A stack of programs/declared (or the floor program) run through the engine harness or the real
// Pulumi CLI, set up as programs/declared-stack.ts
// sets it up (the token as secret stack config, the values as VALUE_<NAME> in the environment),
// except that the resource list goes to the program's resources.json: see its index.ts for why.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeProgramDir, removeProgramDir } from "../engine/program-dir";
import { runEngine, type RunResult } from "../engine/run-engine";
import type { Declared } from "../programs/declared-stack";

/** The engine a stack runs through: the harness, or the real CLI from `npm run -s pulumi-cli`'s directory. */
export type BenchEngine = { kind: "harness" } | { kind: "cli"; dir: string };

export async function benchStack(
  url: string,
  token: string,
  program: string,
  config: Record<string, string>,
  engine: BenchEngine,
) {
  const dir = makeProgramDir(program);
  const env: Record<string, string> = {
    PULUMI_CONFIG_PASSPHRASE: "bench passphrase",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    GITHUB_TOKEN: "",
    ...(engine.kind === "cli" && {
      PULUMI_GITHUB_SECRETS_ENGINE: "cli",
      PATH: `${engine.dir}:${process.env.PATH ?? ""}`,
    }),
  };
  const run = (...args: string[]): Promise<RunResult> => runEngine([...args, "--cwd", dir], { env });
  const set = async (...args: string[]) => {
    const result = await run("config", "set", ...args);
    if (result.exitCode !== 0) throw new Error(`config set ${args.join(" ")}: ${result.stderr}`);
  };
  await set("github:baseUrl", url);
  await set("--secret", "github:token", token);
  for (const [key, value] of Object.entries(config)) await set(key, value);
  return {
    dir,
    run,
    declare(resources: Declared[]) {
      for (const key of Object.keys(env)) if (key.startsWith("VALUE_")) delete env[key];
      for (const { name, value } of resources)
        if (value !== undefined) env[`VALUE_${name.toUpperCase().replace(/-/g, "_")}`] = value;
      writeFileSync(join(dir, "resources.json"), JSON.stringify(resources.map(({ value: _value, ...rest }) => rest)));
    },
    remove: () => removeProgramDir(dir),
  };
}
