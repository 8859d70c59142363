// Runs a Pulumi Node.js program through @pulumi/pulumi's own runner (cmd/run) with the arguments and
// environment the CLI's nodejs language host gives it (sdk/nodejs/cmd/pulumi-language-nodejs).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { nodeBinary } from "./node-binary";
import type { Project, StackConfig } from "./types";

export interface ProgramOptions {
  project: Project;
  stack: string;
  monitorAddress: string;
  dryRun: boolean;
  parallel: number;
  config: StackConfig;
  env: NodeJS.ProcessEnv;
}

export interface ProgramRun {
  /** The runner's exit code: 0, 32 (error already reported through Engine.Log) or another failure. */
  exited: Promise<number>;
  /** Everything the program printed, stdout and stderr interleaved as received. */
  output(): string;
  kill(): void;
}

export function runProgram(options: ProgramOptions): ProgramRun {
  const { project } = options;
  const pulumiDir = join(require.resolve("@pulumi/pulumi/package.json", { paths: [project.programDir] }), "..");
  const config: { [key: string]: string } = {};
  const secretKeys: string[] = [];
  for (const [key, { value, secret }] of options.config) {
    // The language host still hands the program the old `ns:config:key` form, which the SDK accepts.
    const colon = key.indexOf(":");
    config[`${key.slice(0, colon)}:config:${key.slice(colon + 1)}`] = value;
    if (secret) secretKeys.push(key);
  }
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys),
  };
  if (project.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (project.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = project.tsconfig;

  const args = [
    join(pulumiDir, "cmd", "run"),
    `--monitor=${options.monitorAddress}`,
    `--engine=${options.monitorAddress}`,
    "--organization=organization",
    `--project=${project.name}`,
    `--root-directory=${project.rootDir}`,
    `--stack=${options.stack}`,
    `--pwd=${project.programDir}`,
    ...(options.dryRun ? ["--dry-run"] : []),
    `--parallel=${options.parallel}`,
    project.entryPoint,
  ];
  const child = spawn(nodeBinary(), args, { cwd: project.programDir, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<number>((resolve) => {
    child.once("error", (e) => {
      output += `${e.message}\n`;
      resolve(1);
    });
    child.once("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
  return { exited, output: () => output, kill: () => child.kill("SIGKILL") };
}
