// The harness's command line, shaped like the Pulumi CLI's, as a function:
//   up|preview|refresh|destroy [--yes] [--cwd DIR] [--stack NAME] [--parallel N] [--refresh] [--state-dir DIR]
//   import --file FILE --yes [--protect=false] [--generate-code=false] [--cwd DIR] [--stack NAME] [--parallel N] [--state-dir DIR]
//   config set [--secret] [--path] KEY VALUE | config rm KEY
//   stack export [--show-secrets] [--file FILE]
//   state delete|rm|remove URN... [--force] [--target-dependents] [--yes]
//   cancel --yes (nothing to do: the harness takes no locks)
// Exit codes follow the CLI (3.227 and later): 0 success, 1 a failed operation, 2 a usage error.
import { availableParallelism } from "node:os";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { exportDeployment, loadResources, stateFilePath } from "./checkpoint";
import { parseImportFile, readImportFile } from "./import-file";
import { installIfDepended } from "./install-package";
import { parseCommand, type ParsedCommand, type Values } from "./parse-command";
import { readProject } from "./read-project";
import { runDestroy } from "./run-destroy";
import { runImport } from "./run-import";
import { runPulumiCli, pulumiOnPath } from "./run-pulumi-cli";
import { runRefresh } from "./run-refresh";
import { runStateDelete } from "./run-state-delete";
import { runUpdate } from "./run-update";
import {
  configFilePath,
  loadStackConfig,
  qualifyKey,
  removeConfigValue,
  setConfigValue,
  stackCrypter,
} from "./stack-config";
import type { Output, Project, RunResult, StackContext } from "./types";
import { parsePropertyPath } from "./property-path";

export interface EngineOptions {
  /** Where relative `--cwd` and `--state-dir` resolve from; default process.cwd(). */
  cwd?: string;
  /** Merged over process.env for the harness, the program and the provider host. */
  env?: NodeJS.ProcessEnv;
  /** Also print output as it comes (the command uses this; tests usually don't). */
  echo?: Output;
  /** Aborted on Ctrl-C (the command wires SIGINT to it): an `up` under way stops as the CLI's does. */
  interrupt?: AbortSignal;
}

export type { RunResult } from "./types";

class UsageError extends Error {}

export async function runEngine(args: string[], options: EngineOptions = {}): Promise<RunResult> {
  const env = { ...process.env, ...options.env };
  const cwd = options.cwd ?? process.cwd();
  let stdout = "";
  let stderr = "";
  const output: Output = {
    out: (text) => {
      stdout += text;
      options.echo?.out(text);
    },
    err: (text) => {
      stderr += text;
      options.echo?.err(text);
    },
  };
  let exitCode: number;
  try {
    const command = parseCommand(args);
    if (env.PULUMI_GITHUB_SECRETS_ENGINE === "cli") {
      // Never the harness in its place without a word: a run meant for the real CLI that fell back would prove nothing.
      if (!pulumiOnPath(env))
        throw new Error(
          "PULUMI_GITHUB_SECRETS_ENGINE=cli, but PATH has no `pulumi`: put `npm run -s pulumi-cli`'s directory first on PATH",
        );
      return await runPulumiCli(args, command, { cwd, env, echo: options.echo, interrupt: options.interrupt });
    }
    exitCode = await dispatch(command, cwd, env, output, options.interrupt);
  } catch (e) {
    output.err(`error: ${(e as Error).message}\n`);
    exitCode = e instanceof UsageError || String((e as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS") ? 2 : 1;
  }
  return { exitCode, stdout, stderr };
}

async function dispatch(
  { values, positionals }: ParsedCommand,
  baseDir: string,
  env: NodeJS.ProcessEnv,
  output: Output,
  interrupt: AbortSignal | undefined,
): Promise<number> {
  const [command, ...rest] = positionals;
  if (
    !["config", "stack", "state", "up", "preview", "refresh", "destroy", "import", "cancel"].includes(command ?? "")
  ) {
    throw new UsageError(
      `unknown command '${command ?? ""}' (up, preview, refresh, destroy, import, config, stack, state, cancel)`,
    );
  }
  for (const flag of ["protect", "generate-code"] as const)
    if (values[flag] !== undefined && command !== "import") throw new UsageError(`unknown flag: --${flag}`);
  for (const flag of ["force", "target-dependents"] as const) {
    if (values[flag] && command !== "state")
      throw new UsageError(`the engine harness takes --${flag} only with state delete`);
  }
  const cwd = resolve(baseDir, values.cwd ?? ".");
  const project = readProject(cwd);
  const stack = values.stack ?? "dev";
  const stateDir = resolve(cwd, values["state-dir"] ?? ".state");
  const configFile = configFilePath(stateDir, stack);
  const crypter = stackCrypter(configFile, env);

  const stackContext = async (): Promise<StackContext> => {
    const parallel = Number(values.parallel ?? env.PULUMI_PARALLEL ?? 4 * availableParallelism());
    if (!Number.isInteger(parallel) || parallel < 1) throw new UsageError(`--parallel must be a positive number`);
    return {
      project,
      stack,
      stateFile: stateFilePath(stateDir, stack),
      config: await loadStackConfig(configFile, crypter),
      crypter,
      parallel,
      env,
      output,
      providerLogFile: join(stateDir, `${stack}.provider.log`),
    };
  };

  switch (command) {
    case "cancel":
      // The CLI's file backend locks a stack while an update runs, and a killed update leaves the lock for
      // `pulumi cancel` to remove. The harness takes no locks, so there is nothing to remove.
      if (!values.yes) throw new UsageError("--yes must be passed in to proceed when running in non-interactive mode");
      output.out(`The currently running update for '${stack}' has been canceled!\n`);
      return 0;
    case "config":
      return configCommand(rest, values, project, configFile, crypter);
    case "stack":
      return stackCommand(rest, values, stateFilePath(stateDir, stack), crypter, output);
    case "state": {
      const [sub, ...urns] = rest;
      if (!["delete", "rm", "remove"].includes(sub ?? ""))
        throw new UsageError("usage: state delete URN... [--force] [--target-dependents]");
      const options = { force: Boolean(values.force), targetDependents: Boolean(values["target-dependents"]) };
      await runStateDelete(
        { project, stack, stateFile: stateFilePath(stateDir, stack), crypter, output },
        urns,
        options,
      );
      return 0;
    }
    case "import": {
      // In the CLI's order: the file is read, then --yes is required, then the file is checked.
      if (!values.file) {
        if (rest.length > 0) throw new UsageError("the engine harness imports only from an import file (--file FILE)");
        throw new Error(
          "an inline resource must be specified if no converter or import file is used, missing type, name, and id",
        );
      }
      if (rest.length > 0)
        throw new Error("an inline resource may not be specified in conjunction with an import file");
      // The CLI changes to the --cwd directory first, so a relative path is relative to it.
      const file = readImportFile(resolve(cwd, values.file));
      if (!values.yes && !values["skip-preview"]) throw new UsageError(NO_CONFIRMATION_IMPORT);
      const imports = await parseImportFile(file, stack, project.name, async () => (await crypter()).decrypt);
      const ctx = await stackContext();
      installIfDepended(project);
      const olds = await loadResources(ctx.stateFile, crypter);
      if (!(await runImport(ctx, olds, imports, { protect: values.protect ?? true }))) return 1;
      // After importing, the CLI generates the program code for what it imported, which needs each provider's
      // schema; the dynamic provider has none, so the command fails once the import has landed (the state is
      // saved). import-file prints the code itself and tells users to pass --generate-code=false.
      if ((values["generate-code"] ?? true) && imports.some((i) => i.type.startsWith("pulumi-nodejs:dynamic"))) {
        output.err(`error: ${DYNAMIC_PROVIDER_HAS_NO_SCHEMA}\n`);
        return 1;
      }
      return 0;
    }
    default: {
      // up, preview, refresh, destroy
      if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(" ")}`);
      if (command !== "preview" && !values.yes && !values["skip-preview"]) {
        throw new UsageError(
          "--yes or --skip-preview must be passed in to proceed when running in non-interactive mode",
        );
      }
      const ctx = await stackContext();
      installIfDepended(project);
      const olds = await loadResources(ctx.stateFile, crypter);
      if (values["run-program"] && command !== "refresh" && command !== "destroy")
        throw new UsageError(`unknown flag: --run-program`);
      const runProgram = Boolean(values["run-program"]);
      const ok =
        command === "refresh"
          ? await runRefresh(ctx, olds, { runProgram, previewFirst: !values["skip-preview"] })
          : command === "destroy"
            ? await runDestroy(ctx, olds, runProgram)
            : await runUpdate(ctx, olds, {
                preview: command === "preview",
                refresh: Boolean(values.refresh),
                previewFirst: !values["skip-preview"],
                interrupt,
              });
      return ok ? 0 : 1;
    }
  }
}

// backenderr.NoConfirmationInNonInteractiveError, as `pulumi import` words it.
/** What CLI 3.274 prints after importing a dynamic resource unless given --generate-code=false. */
const DYNAMIC_PROVIDER_HAS_NO_SCHEMA =
  "loading package 'pulumi-nodejs@nil': Error loading schema from plugin: rpc error: code = Unimplemented desc = " +
  "GetSchema is not implemented by the dynamic provider";
const NO_CONFIRMATION_IMPORT =
  "--yes or --skip-preview or --preview-only must be passed in to proceed when running in non-interactive mode";

async function configCommand(
  args: string[],
  values: Values,
  project: Project,
  configFile: string,
  crypter: ReturnType<typeof stackCrypter>,
): Promise<number> {
  const [sub, key, value, ...extra] = args;
  if (sub === "set" && key !== undefined && value !== undefined && extra.length === 0) {
    // --path: `ns:key.a[0].b` sets b inside the first item of the list a inside the object at ns:key.
    const [topKey, ...path] = values.path ? parsePropertyPath(key) : [key];
    await setConfigValue(
      configFile,
      qualifyKey(String(topKey), project.name),
      path,
      value,
      Boolean(values.secret),
      crypter,
    );
    return 0;
  }
  if (sub === "rm" && key !== undefined && value === undefined) {
    removeConfigValue(configFile, qualifyKey(key, project.name));
    return 0;
  }
  throw new UsageError("usage: config set [--secret] [--path] KEY VALUE | config rm KEY");
}

async function stackCommand(
  args: string[],
  values: Values,
  stateFile: string,
  crypter: ReturnType<typeof stackCrypter>,
  output: Output,
): Promise<number> {
  if (args.length !== 1 || args[0] !== "export")
    throw new UsageError("usage: stack export [--show-secrets] [--file FILE]");
  const text =
    JSON.stringify(await exportDeployment(stateFile, Boolean(values["show-secrets"]), crypter), null, 4) + "\n";
  if (values.file) writeFileSync(values.file, text);
  else output.out(text);
  return 0;
}
