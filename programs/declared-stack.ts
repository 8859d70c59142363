import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { makeProgramDir, removeProgramDir } from "../engine/program-dir";
import { runEngine, type RunResult } from "../engine/run-engine";

export interface Declared {
  /** A resource class the package exports, e.g. `RepoSecret` or `DependabotOrgSecretRepoSelection`. */
  kind: string;
  name: string;
  args: Record<string, unknown>;
  import?: string;
  dependsOn?: string[];
  /** The plaintext, handed to the program as the environment variable VALUE_<NAME>. */
  value?: string;
}

export interface Exported {
  resources: Array<{ urn: string; type: string; id?: string; inputs?: any; outputs?: any }>;
}

const PROGRAM = join(__dirname, "declared");

/**
 * A stack of the `declared` program (or another), run through the engine harness against an emulator at `url`
 * with `token` given as the secret stack config `github:token` (or as GITHUB_TOKEN), and `environment` added to the
 * harness's. Everything the harness printed (but state exports) is kept, so tests can search it all.
 */
export async function declaredStack(
  url: string,
  token: string,
  program = PROGRAM,
  tokenVia: "config" | "environment" = "config",
  environment: Record<string, string> = {},
) {
  const dir = makeProgramDir(program);
  const env: Record<string, string> = {
    PULUMI_CONFIG_PASSPHRASE: "test passphrase",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    GITHUB_TOKEN: tokenVia === "environment" ? token : "",
    ...environment,
  };
  const printed: string[] = [];
  const run = async (...args: string[]): Promise<RunResult> => {
    // --cwd first: a value after `--` (one that starts with a dash) must be the last argument.
    const result = await runEngine(["--cwd", dir, ...args], { env });
    // What an export prints is the state itself, searched as such.
    if (args[0] !== "stack") printed.push(result.stdout, result.stderr);
    return result;
  };
  const config = (key: string, value: string, secret = false) =>
    run("config", "set", ...(secret ? ["--secret"] : []), key, value);

  await config("github:baseUrl", url);
  if (tokenVia === "config") await config("github:token", token, true);
  // Pacing to GitHub's secondary limit has tests of its own; here it would only slow the suite.
  await config("github:pointsPerMinute", "0");

  return {
    dir,
    run,
    /** Sets the program's resources (values as secret config) for the next operation. */
    async declare(resources: Declared[]) {
      for (const key of Object.keys(env)) if (key.startsWith("VALUE_")) delete env[key];
      for (const { name, value } of resources)
        if (value !== undefined) env[`VALUE_${name.toUpperCase().replace(/-/g, "_")}`] = value;
      await config("resources", JSON.stringify(resources.map(({ value: _value, ...rest }) => rest)));
    },
    up: (...flags: string[]) => run("up", "--yes", ...flags),
    preview: () => run("preview"),
    refresh: () => run("refresh", "--yes"),
    destroy: () => run("destroy", "--yes"),
    async exported(showSecrets = false) {
      const result = await run("stack", "export", ...(showSecrets ? ["--show-secrets"] : []));
      return (JSON.parse(result.stdout) as { deployment: Exported }).deployment;
    },
    /**
     * Every file the engine keeps for this stack, as text: under the state directory (the harness's state, config
     * and provider log; the CLI's state, its backups and history, and its home), and the stack config beside
     * `Pulumi.yaml` (where the CLI keeps it).
     */
    files: () =>
      [
        ...readdirSync(join(dir, ".state"), { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => join(entry.parentPath, entry.name)),
        ...readdirSync(dir)
          .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
          .map((f) => join(dir, f)),
      ].map((file) => readFileSync(file, "utf8")),
    printed: () => printed.join("\n"),
    /** The environment the program gets (the values), for running the harness's command by hand. */
    env: () => ({ ...env }),
    remove: () => removeProgramDir(dir),
  };
}

/** The resources of one type in an export, by name. */
export function byName(exported: { resources: Array<{ urn: string; type: string }> }, type: string) {
  return Object.fromEntries(
    exported.resources.filter((r) => r.type.endsWith(`:${type}`)).map((r) => [r.urn.split("::").pop()!, r as any]),
  );
}
