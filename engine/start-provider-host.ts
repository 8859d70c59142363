// Launches @pulumi/pulumi's real dynamic-provider host (cmd/dynamic-provider) the way the CLI launches the
// `pulumi-resource-pulumi-nodejs` plugin, and talks to it as the engine's provider plugin does
// (sdk/go/common/resource/plugin/provider_plugin.go): Configure first, then each call with secrets stripped
// when the host does not accept them, results re-marked secret by property name, and in a preview no
// Create/Update call at all unless the host says it supports previews.
import * as grpc from "@grpc/grpc-js";
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import * as statusPb from "@pulumi/pulumi/proto/status_pb";
import { nodeBinary } from "./node-binary";
import { annotateSecrets, unwrapSecretsInMap } from "./property-values";
import type { CheckFailure, DiffResult, PropertyMap } from "./types";
import { urnName, urnOwnType } from "./urn";

/**
 * Whether the `pulumi-nodejs` provider (the dynamic-provider host) serves this resource type: every dynamic
 * resource, `pulumi-nodejs:dynamic:Resource` or, given a module and type, `pulumi-nodejs:dynamic/<module>:<type>`.
 */
export function isDynamicResourceType(type: string): boolean {
  return type.startsWith("pulumi-nodejs:");
}
export const DYNAMIC_PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";

export interface ProviderHostOptions {
  /** The program's working directory, where the host runs and its `require()` calls resolve. */
  programDir: string;
  project: string;
  runtimeOptions: { [key: string]: unknown };
  /** The engine's gRPC address, the host's one argument. */
  engineAddress: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** A line written to the log before the host's output, to tell runs apart. */
  logHeader: string;
}

export interface ConfigureOptions {
  /** The provider's inputs: the whole stack config keyed `project:key`, secrets in wire form. */
  args: PropertyMap;
  urn: string;
  id: string;
}

/** An error a provider call returned; `message` is the provider's own. */
export class ProviderError extends Error {}

/** A create or update that left a resource behind (an error thrown with an `id`): a partial failure. */
export class InitError extends ProviderError {
  constructor(
    message: string,
    readonly id: string,
    readonly outputs: PropertyMap,
    readonly reasons: string[],
  ) {
    super(message);
  }
}

export interface ProviderHost {
  check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<{ inputs: PropertyMap; failures: CheckFailure[] }>;
  diff(
    urn: string,
    id: string,
    oldInputs: PropertyMap,
    oldOutputs: PropertyMap,
    news: PropertyMap,
  ): Promise<DiffResult>;
  create(urn: string, news: PropertyMap, preview: boolean): Promise<{ id: string; outputs: PropertyMap }>;
  update(
    urn: string,
    id: string,
    oldInputs: PropertyMap,
    oldOutputs: PropertyMap,
    news: PropertyMap,
    preview: boolean,
  ): Promise<PropertyMap>;
  delete(urn: string, id: string, oldInputs: PropertyMap, oldOutputs: PropertyMap): Promise<void>;
  /** `inputs` undefined: none sent (an import's Read, which carries only the ID). */
  read(
    urn: string,
    id: string,
    inputs: PropertyMap | undefined,
    outputs: PropertyMap,
  ): Promise<{ id: string; outputs: PropertyMap; inputs?: PropertyMap }>;
  close(): Promise<void>;
}

/** Starts the host and configures it; resolves once it has accepted Configure. */
export async function startProviderHost(
  options: ProviderHostOptions,
  configure: ConfigureOptions,
): Promise<ProviderHost> {
  const { port, stop } = await launch(options);
  const client = new providerRpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = <Res>(invoke: (callback: (err: grpc.ServiceError | null, res: Res) => void) => unknown) =>
    new Promise<Res>((resolve, reject) => invoke((err, res) => (err ? reject(toProviderError(err)) : resolve(res))));

  const configureReq = new providerPb.ConfigureRequest();
  configureReq.setArgs(Struct.fromJavaScript(configure.args));
  // The deprecated `variables` too, as the engine still sends them (the Node host reads only `args`).
  for (const [key, value] of Object.entries(unwrapSecretsInMap(configure.args))) {
    configureReq
      .getVariablesMap()
      .set(`pulumi-nodejs:config:${key}`, typeof value === "string" ? value : JSON.stringify(value));
  }
  configureReq.setAcceptsecrets(true);
  configureReq.setAcceptresources(true);
  configureReq.setSendsOldInputs(true);
  configureReq.setSendsOldInputsToDelete(true);
  configureReq.setUrn(configure.urn);
  configureReq.setName("default");
  configureReq.setType(DYNAMIC_PROVIDER_TYPE);
  configureReq.setId(configure.id);
  let configured: providerPb.ConfigureResponse;
  try {
    configured = await call<providerPb.ConfigureResponse>((cb) => client.configure(configureReq, cb));
  } catch (e) {
    client.close();
    await stop();
    throw e;
  }
  const acceptSecrets = configured.getAcceptsecrets();
  const supportsPreview = configured.getSupportspreview();
  // What the host is sent: secrets stripped unless it accepts them.
  const wire = (m: PropertyMap) => Struct.fromJavaScript(acceptSecrets ? m : unwrapSecretsInMap(m));
  // What comes back keeps any secret the host wrote in wire form; the rest is re-marked by name.
  const remark = (result: PropertyMap, from: PropertyMap) => (acceptSecrets ? result : annotateSecrets(result, from));
  const named = <T extends { setUrn(v: string): unknown; setName(v: string): unknown; setType(v: string): unknown }>(
    req: T,
    urn: string,
  ) => {
    req.setUrn(urn);
    req.setName(urnName(urn));
    req.setType(urnOwnType(urn));
    return req;
  };

  return {
    async check(urn, olds, news) {
      const req = named(new providerPb.CheckRequest(), urn);
      req.setOlds(wire(olds));
      req.setNews(wire(news));
      const resp = await call<providerPb.CheckResponse>((cb) => client.check(req, cb));
      return {
        inputs: remark(resp.getInputs()?.toJavaScript() ?? {}, news),
        failures: resp.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },

    async diff(urn, id, oldInputs, oldOutputs, news) {
      const req = named(new providerPb.DiffRequest(), urn);
      req.setId(id);
      req.setOldInputs(wire(oldInputs));
      req.setOlds(wire(oldOutputs));
      req.setNews(wire(news));
      const resp = await call<providerPb.DiffResponse>((cb) => client.diff(req, cb));
      const changes = resp.getChanges();
      return {
        changes:
          changes === providerPb.DiffResponse.DiffChanges.DIFF_SOME
            ? "some"
            : changes === providerPb.DiffResponse.DiffChanges.DIFF_NONE
              ? "none"
              : "unknown",
        replaces: resp.getReplacesList(),
        deleteBeforeReplace: resp.getDeletebeforereplace(),
      };
    },

    async create(urn, news, preview) {
      if (preview && !supportsPreview) return { id: "", outputs: news };
      const req = named(new providerPb.CreateRequest(), urn);
      req.setProperties(wire(news));
      req.setPreview(preview);
      try {
        const resp = await call<providerPb.CreateResponse>((cb) => client.create(req, cb));
        return { id: resp.getId(), outputs: remark(resp.getProperties()?.toJavaScript() ?? {}, news) };
      } catch (e) {
        throw remarkInitError(e, news, remark);
      }
    },

    async update(urn, id, oldInputs, oldOutputs, news, preview) {
      if (preview && !supportsPreview) return news;
      const req = named(new providerPb.UpdateRequest(), urn);
      req.setId(id);
      req.setOldInputs(wire(oldInputs));
      req.setOlds(wire(oldOutputs));
      req.setNews(wire(news));
      req.setPreview(preview);
      try {
        const resp = await call<providerPb.UpdateResponse>((cb) => client.update(req, cb));
        return remark(resp.getProperties()?.toJavaScript() ?? {}, news);
      } catch (e) {
        throw remarkInitError(e, news, remark);
      }
    },

    async delete(urn, id, oldInputs, oldOutputs) {
      const req = named(new providerPb.DeleteRequest(), urn);
      req.setId(id);
      req.setOldInputs(wire(oldInputs));
      req.setProperties(wire(oldOutputs));
      await call((cb) => client.delete(req, cb));
    },

    async read(urn, id, inputs, outputs) {
      const req = named(new providerPb.ReadRequest(), urn);
      req.setId(id);
      if (inputs !== undefined) req.setInputs(wire(inputs));
      req.setProperties(wire(outputs));
      const resp = await call<providerPb.ReadResponse>((cb) => client.read(req, cb));
      const newInputs = resp.getInputs()?.toJavaScript();
      return {
        id: resp.getId(),
        outputs: remark(resp.getProperties()?.toJavaScript() ?? {}, outputs),
        inputs: newInputs === undefined ? undefined : remark(newInputs, inputs ?? {}),
      };
    },

    async close() {
      client.close();
      await stop();
    },
  };
}

async function launch(options: ProviderHostOptions): Promise<{ port: number; stop: () => Promise<void> }> {
  const pulumiDir = join(require.resolve("@pulumi/pulumi/package.json", { paths: [options.programDir] }), "..");
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: "a" });
  log.write(`${options.logHeader}\n`);
  const runtimeEnv: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(options.runtimeOptions)) {
    runtimeEnv[`PULUMI_RUNTIME_${key.toUpperCase()}`] = String(value);
  }
  const child = spawn(nodeBinary(), [join(pulumiDir, "cmd", "dynamic-provider", "index.js"), options.engineAddress], {
    cwd: options.programDir,
    env: { ...options.env, ...runtimeEnv, PULUMI_NODEJS_PROJECT: options.project, PULUMI_PROJECT: options.project },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // "close", not "exit": the log may only be ended once the host's pipes have delivered everything.
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
  child.stderr.pipe(log, { end: false });

  const port = await new Promise<number>((resolve, reject) => {
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const newline = buffered.indexOf("\n");
      if (newline < 0) return;
      child.stdout.off("data", onData);
      log.write(buffered.slice(newline + 1));
      // Whatever the provider prints later is kept in the log too.
      child.stdout.pipe(log, { end: false });
      resolve(Number(buffered.slice(0, newline).trim()));
    };
    child.stdout.on("data", onData);
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`the dynamic-provider host exited (code ${code}) before listening; see ${options.logFile}`)),
    );
  });

  return {
    port,
    stop: async () => {
      child.kill();
      await closed;
      await new Promise<void>((resolve) => log.end(resolve));
    },
  };
}

function toProviderError(err: grpc.ServiceError): ProviderError {
  const details = err.metadata?.get("grpc-status-details-bin")[0];
  if (details instanceof Buffer) {
    for (const any of statusPb.Status.deserializeBinary(details).getDetailsList()) {
      if (any.getTypeName() !== "pulumirpc.ErrorResourceInitFailed") continue;
      const init = providerPb.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
      return new InitError(
        err.details,
        init.getId(),
        init.getProperties()?.toJavaScript() ?? {},
        init.getReasonsList(),
      );
    }
  }
  return new ProviderError(err.details || err.message);
}

function remarkInitError(
  e: unknown,
  news: PropertyMap,
  remark: (r: PropertyMap, f: PropertyMap) => PropertyMap,
): unknown {
  return e instanceof InitError ? new InitError(e.message, e.id, remark(e.outputs, news), e.reasons) : e;
}
