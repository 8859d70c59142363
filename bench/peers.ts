// The other tools, run as their users run them, against the benchmark's emulator:
// - gh (GitHub's CLI): `gh secret set -f FILE` per scope, every scope at once. gh insists on a host
//   name of its own: with GH_HOST=github.localhost it talks plain HTTP to api.github.localhost, and
//   HTTP_PROXY pointed at the emulator delivers those requests to it (the emulator serves a request
//   target in absolute form as a proxy receives it), so nothing is changed on the machine.
// - Terraform's GitHub provider, run by OpenTofu, both built by scripts/bench-peers.sh: a CLI config
//   with `dev_overrides` makes OpenTofu use the built provider without `tofu init`, and a `base_url`
//   other than github.com puts the provider in GitHub Enterprise Server mode (the REST API under
//   /api/v3/, which the emulator is started with).
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ORG, TOKEN, ghRuns, terraformResources, type BenchSecret } from "./workload";

export interface ToolRun {
  exitCode: number;
  /** The end of what it printed, for the error when a run that should succeed fails. */
  output: string;
  /** Stopped after PEER_DEFAULTS.timeoutMs: it was waiting for something that would not come soon. */
  timedOut?: boolean;
}

export const PEER_DEFAULTS = {
  /**
   * The longest a peer's run may take. Terraform's provider, having spent GitHub's primary limit
   * (5,000 requests an hour), waits for its reset, up to an hour: the benchmark records that and goes on.
   */
  timeoutMs: 15 * 60_000,
};

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    let timedOut = false;
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    // The whole process group: tofu's provider plugin is a process of its own.
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, "SIGKILL");
    }, PEER_DEFAULTS.timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? (signal ? 128 : 1), output, ...(timedOut && { timedOut }) });
    });
  });
}

/** `gh secret set -f` for each scope, all at once, as a script that backgrounds each would; the worst exit code. */
export async function ghSetAll(dir: string, emulatorOrigin: string, list: BenchSecret[], generation: number) {
  mkdirSync(join(dir, "config"), { recursive: true });
  const env = {
    ...process.env,
    GH_HOST: "github.localhost",
    GH_TOKEN: TOKEN,
    HTTP_PROXY: emulatorOrigin,
    http_proxy: emulatorOrigin,
    NO_PROXY: "",
    no_proxy: "",
    GH_CONFIG_DIR: join(dir, "config"),
    GH_NO_UPDATE_NOTIFIER: "1",
    GH_PROMPT_DISABLED: "1",
  };
  const runs = ghRuns(list, generation, "github.localhost").map(({ args, dotenv }, i) => {
    const file = join(dir, `scope-${i}.env`);
    writeFileSync(file, dotenv);
    return run("gh", ["secret", "set", "-f", file, ...args], { cwd: dir, env });
  });
  const results = await Promise.all(runs);
  const failed = results.filter((r) => r.exitCode !== 0);
  return {
    exitCode: failed[0]?.exitCode ?? 0,
    output: failed
      .map((r) => r.output)
      .join("\n")
      .slice(-8000),
  };
}

export interface TerraformSettings {
  /** The provider's `write_delay_ms`: its default, 1000, or 1 to take the delay away (0 counts as unset). */
  writeDelayMs: number;
}

/** A Terraform configuration of these secrets in `dir`, against the emulator (its origin, API under /api/v3). */
export function writeTerraformConfig(
  dir: string,
  emulatorOrigin: string,
  list: BenchSecret[],
  values: (secret: BenchSecret) => string,
  settings: TerraformSettings,
): void {
  mkdirSync(dir, { recursive: true });
  const config = {
    terraform: { required_providers: { github: { source: "integrations/github" } } },
    provider: {
      github: { owner: ORG, token: TOKEN, base_url: `${emulatorOrigin}/`, write_delay_ms: settings.writeDelayMs },
    },
    resource: terraformResources(list, values),
  };
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify(config, null, 1));
}

/** `tofu apply` in `dir` with the provider built into `peersDir`. */
export function tofuApply(dir: string, peersDir: string): Promise<ToolRun> {
  const cliConfig = join(dir, "cli.tfrc");
  writeFileSync(
    cliConfig,
    `provider_installation {\n  dev_overrides {\n    "integrations/github" = ${JSON.stringify(peersDir)}\n  }\n  direct {}\n}\n`,
  );
  const env = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
  };
  return run(join(peersDir, "tofu"), ["apply", "-auto-approve", "-input=false", "-no-color"], { cwd: dir, env });
}
