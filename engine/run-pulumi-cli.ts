// PULUMI_GITHUB_SECRETS_ENGINE=cli: the same command line run by the real `pulumi` against a local file backend
// in the state directory (`file://<stateDir>`), so scripts and tests can use real Pulumi where it is installed.
// The stack is created on first use; config lives where the CLI keeps it (Pulumi.<stack>.yaml beside
// Pulumi.yaml), not in the harness's state directory. The passphrase comes from the environment, empty if unset.
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { installIfDepended } from "./install-package";
import type { ParsedCommand } from "./parse-command";
import { readProject } from "./read-project";
import type { Output, RunResult } from "./types";

export function pulumiOnPath(env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, "pulumi"), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export async function runPulumiCli(
  args: string[],
  { values }: ParsedCommand,
  options: { cwd: string; env: NodeJS.ProcessEnv; echo?: Output; interrupt?: AbortSignal },
): Promise<RunResult> {
  const cwd = resolve(options.cwd, values.cwd ?? ".");
  const stack = values.stack ?? "dev";
  const stateDir = resolve(cwd, values["state-dir"] ?? ".state");
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    // Offline and on its own: no update check, no plugin downloads (the plugins are beside `pulumi`), and the
    // CLI's home (credentials, workspaces, plugin cache) inside the state directory, not the user's ~/.pulumi.
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: options.env.PULUMI_HOME ?? join(stateDir, "home"),
  };
  if (env.PULUMI_CONFIG_PASSPHRASE === undefined && !env.PULUMI_CONFIG_PASSPHRASE_FILE)
    env.PULUMI_CONFIG_PASSPHRASE = "";
  installIfDepended(readProject(cwd));

  const select = await pulumi(
    ["stack", "select", "--create", "--stack", stack, "--cwd", cwd, "--non-interactive"],
    env,
  );
  if (select.exitCode !== 0) return select;
  // Before a `--`, after which everything is a positional argument (a config value that starts with a dash).
  const rest = withoutLocationFlags(args);
  const end = rest.includes("--") ? rest.indexOf("--") : rest.length;
  return pulumi(
    [...rest.slice(0, end), "--stack", stack, "--cwd", cwd, "--non-interactive", ...rest.slice(end)],
    env,
    options.echo,
    options.interrupt,
  );
}

/** The arguments less --stack, --cwd (given again, resolved) and --state-dir (the harness's own). */
function withoutLocationFlags(args: string[]): string[] {
  const flags = new Set(["--stack", "-s", "--cwd", "-C", "--state-dir"]);
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const [name] = args[i].split("=");
    if (!flags.has(name)) kept.push(args[i]);
    else if (!args[i].includes("=")) i++;
  }
  return kept;
}

function pulumi(args: string[], env: NodeJS.ProcessEnv, echo?: Output, interrupt?: AbortSignal): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    const child = spawn("pulumi", args, { env, stdio: ["ignore", "pipe", "pipe"] });
    // Ctrl-C is the CLI's to handle: it cancels gracefully, as the harness does.
    interrupt?.addEventListener("abort", () => child.kill("SIGINT"), { once: true });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      echo?.out(chunk.toString("utf8"));
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      echo?.err(chunk.toString("utf8"));
    });
    child.once("error", (e) => resolvePromise({ exitCode: 1, stdout, stderr: stderr + e.message }));
    child.once("close", (code) => resolvePromise({ exitCode: code ?? 1, stdout, stderr }));
  });
}
