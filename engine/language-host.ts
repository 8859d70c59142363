// `pulumi-language-nodejs` for the real Pulumi CLI, written on Pulumi's LanguageRuntime gRPC service because the Go
// module proxy refuses the Go language host's module (it has no version tags, and its pseudo-versions are not
// served). The CLI starts it with the engine's address as the last argument and reads the port it prints; `Run`
// then starts the program through @pulumi/pulumi's own runner (cmd/run), with the arguments and environment the Go
// host gives it, exactly as the harness does (run-program.ts).
//
// What it leaves out, and why that is safe for the programs it serves: `GetRequiredPackages` reports no plugins
// (the programs use only the dynamic provider, whose plugin the CLI finds beside itself); there is no monitor proxy
// and no `--sync` pipe directory (the runner talks to the engine's monitor directly, and synchronous invokes are
// not used); no debugger attach, `bun`, `nodeargs`, `pulumi install`, `about`, code generation or packing: those
// calls answer UNIMPLEMENTED, which the CLI reports as such.
import * as grpc from "@grpc/grpc-js";
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as languageRpc from "@pulumi/pulumi/proto/language_grpc_pb";
import * as languagePb from "@pulumi/pulumi/proto/language_pb";
import * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import { nodeBinary } from "./node-binary";

/** The runner's exit code for "the error was already reported through Engine.Log": the CLI then adds nothing. */
const ALREADY_REPORTED = 32;

interface HostOptions {
  engineAddress: string;
  version: string;
}

/** The flags the CLI may pass (Go's flag syntax: `-name=value`, `--name value`), then the engine's address. */
function parseArguments(argv: string[]): { engineAddress: string; showVersion: boolean } {
  const positional: string[] = [];
  let showVersion = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("-")) positional.push(arg);
    else if (/^--?version$/.test(arg)) showVersion = true;
    else if (!arg.includes("=")) i++; // -tracing URL, -runtime nodejs: a value this host does not use
  }
  return { engineAddress: positional[0] ?? "", showVersion };
}

function programEnvironment(request: languagePb.RunRequest): NodeJS.ProcessEnv {
  // The runner still takes the old `ns:config:key` form of each key, as the Go host hands it over.
  const config: Record<string, string> = {};
  request.getConfigMap().forEach((value, key) => {
    const colon = key.indexOf(":");
    config[`${key.slice(0, colon)}:config:${key.slice(colon + 1)}`] = value;
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PULUMI_CONFIG: JSON.stringify(config),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(request.getConfigsecretkeysList()),
  };
  const options = request.getInfo()?.getOptions()?.toJavaScript() ?? {};
  if (options.typescript !== false) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (typeof options.tsconfig === "string") env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
  return env;
}

function runnerArguments(request: languagePb.RunRequest, engineAddress: string): string[] {
  const info = request.getInfo();
  const programDirectory = info?.getProgramDirectory() || request.getPwd();
  const runner = join(
    require.resolve("@pulumi/pulumi/package.json", { paths: [programDirectory] }),
    "..",
    "cmd",
    "run",
  );
  const flag = (name: string, value: string | number | undefined) =>
    value === undefined || value === "" ? [] : [`--${name}`, String(value)];
  return [
    runner,
    ...flag("monitor", request.getMonitorAddress()),
    ...flag("engine", engineAddress),
    ...flag("organization", request.getOrganization()),
    ...flag("project", request.getProject()),
    ...flag("root-directory", info?.getRootDirectory()),
    ...flag("stack", request.getStack()),
    ...flag("pwd", programDirectory),
    ...(request.getDryrun() ? ["--dry-run"] : []),
    ...flag("parallel", request.getParallel()),
    info?.getEntryPoint() || request.getProgram() || ".",
    ...request.getArgsList(),
  ];
}

/** The programs this host started that are still running. */
const running = new Set<ChildProcess>();

function serveLanguageRuntime({ engineAddress, version }: HostOptions): grpc.Server {
  const runtime: Partial<languageRpc.ILanguageRuntimeServer> = {
    getPluginInfo(_call, callback) {
      callback(null, new pluginPb.PluginInfo().setVersion(version));
    },
    getRequiredPackages(_call, callback) {
      callback(null, new languagePb.GetRequiredPackagesResponse());
    },
    getRequiredPlugins(_call, callback) {
      callback(null, new languagePb.GetRequiredPluginsResponse());
    },
    run(call, callback) {
      const request = call.request;
      const programDirectory = request.getInfo()?.getProgramDirectory() || request.getPwd();
      let args: string[];
      try {
        args = runnerArguments(request, engineAddress);
      } catch (e) {
        callback(null, new languagePb.RunResponse().setError(`could not find @pulumi/pulumi: ${String(e)}`));
        return;
      }
      // The program's output goes where the Go host sends it: to this host's own stdout and stderr, which the
      // CLI reads and shows.
      const child = spawn(nodeBinary(), args, {
        cwd: programDirectory,
        env: programEnvironment(request),
        stdio: ["ignore", "inherit", "inherit"],
      });
      running.add(child);
      child.once("error", (e) => {
        running.delete(child);
        callback(null, new languagePb.RunResponse().setError(`could not start the program: ${e.message}`));
      });
      child.once("exit", (code, signal) => {
        running.delete(child);
        const response = new languagePb.RunResponse();
        if (code === ALREADY_REPORTED) response.setBail(true);
        else if (code !== 0) response.setError(`Program exited with non-zero exit code: ${code ?? signal}`);
        callback(null, response);
      });
    },
    cancel(_call, callback) {
      // As the Go host: the program gets SIGINT and may finish what it is doing.
      for (const child of running) child.kill("SIGINT");
      callback(null, new Empty());
    },
  };
  const server = new grpc.Server();
  // The methods left out answer UNIMPLEMENTED (grpc-js fills them in).
  server.addService(languageRpc.LanguageRuntimeService, runtime as grpc.UntypedServiceImplementation);
  return server;
}

function main(): void {
  const { engineAddress, showVersion } = parseArguments(process.argv.slice(2));
  // The host is as new as the @pulumi/pulumi it is built against.
  const { version } = JSON.parse(readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as {
    version: string;
  };
  if (showVersion) {
    console.log(version);
    return;
  }
  const server = serveLanguageRuntime({ engineAddress, version });
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
    if (error) {
      console.error(`could not start the language host's gRPC server: ${error.message}`);
      process.exit(1);
    }
    // The CLI reads the port from the first line; everything after it is the programs' own output.
    process.stdout.write(`${port}\n`);
  });
  // The CLI closes its plugins with SIGINT (and kills them 5 s later): stop serving, pass it on to a running
  // program as the Go host does, and exit once that program has.
  process.once("SIGINT", () => {
    for (const child of running) child.kill("SIGINT");
    server.forceShutdown();
  });
}

main();
