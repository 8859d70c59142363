// The engine's side of the program's gRPC conversation: pulumirpc.ResourceMonitor and pulumirpc.Engine on one
// loopback port, using the generated code shipped in @pulumi/pulumi. It only translates between protobuf and the
// harness's plain types; what a registration means is decided by the deployment's handlers.
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import * as resourceRpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import type { PropertyMap, Registration, RegistrationResult } from "./types";

export type Severity = "debug" | "info" | "warning" | "error";

export interface MonitorHandlers {
  project: string;
  stack: string;
  dryRun: boolean;
  parallel: number;
  configSecretKeys: string[];
  registerResource(reg: Registration): Promise<RegistrationResult>;
  registerResourceOutputs(urn: string, outputs: PropertyMap): void;
  log(severity: Severity, message: string, urn: string): void;
}

export interface Monitor {
  /** `127.0.0.1:PORT`, for `--monitor` and `--engine` and the provider host's engine argument. */
  address: string;
  close(): Promise<void>;
}

/** Thrown by a handler once the deployment stops: the program's SDK then stops quietly ("monitor is terminating"). */
export class MonitorTerminating extends Error {}

const severities: Severity[] = ["debug", "info", "warning", "error"];

export async function serveMonitor(handlers: MonitorHandlers): Promise<Monitor> {
  let rootUrn = "";
  const server = new grpc.Server();

  const monitor: Partial<resourceRpc.IResourceMonitorServer> = {
    getDeploymentInfo(_call, callback) {
      const info = new resourcePb.DeploymentInfo();
      info.setProject(handlers.project);
      info.setStack(handlers.stack);
      info.setOrganization("organization");
      info.setConfigsecretkeysList(handlers.configSecretKeys);
      info.setDryrun(handlers.dryRun);
      info.setParallel(handlers.parallel);
      // Secrets only: without resource references and output values the SDK sends plain values,
      // unknowns as the sentinel string, which is all a dynamic resource needs.
      info.setSupportedfeaturesList([resourcePb.ResourceMonitorFeature.RESOURCE_MONITOR_FEATURE_SECRETS]);
      callback(null, info);
    },
    supportsFeature(call, callback) {
      const resp = new resourcePb.SupportsFeatureResponse();
      resp.setHassupport(call.request.getId() === "secrets");
      callback(null, resp);
    },
    registerResource(call, callback) {
      let reg: Registration;
      try {
        reg = toRegistration(call.request);
      } catch (e) {
        callback({ code: grpc.status.INVALID_ARGUMENT, details: (e as Error).message });
        return;
      }
      handlers.registerResource(reg).then(
        (result) => {
          const resp = new resourcePb.RegisterResourceResponse();
          resp.setUrn(result.urn);
          resp.setId(result.id);
          resp.setObject(Struct.fromJavaScript(result.object));
          callback(null, resp);
        },
        (e: Error) =>
          callback({
            code: e instanceof MonitorTerminating ? grpc.status.UNAVAILABLE : grpc.status.UNKNOWN,
            details: e.message,
          }),
      );
    },
    registerResourceOutputs(call, callback) {
      handlers.registerResourceOutputs(call.request.getUrn(), call.request.getOutputs()?.toJavaScript() ?? {});
      callback(null, new Empty());
    },
    signalAndWaitForShutdown(_call, callback) {
      callback(null, new Empty());
    },
  };

  const engine: Partial<engineRpc.IEngineServer> = {
    log(call, callback) {
      const req = call.request;
      handlers.log(severities[req.getSeverity()] ?? "info", req.getMessage(), req.getUrn());
      callback(null, new Empty());
    },
    setRootResource(call, callback) {
      rootUrn = call.request.getUrn();
      callback(null, new enginePb.SetRootResourceResponse());
    },
    getRootResource(_call, callback) {
      const resp = new enginePb.GetRootResourceResponse();
      resp.setUrn(rootUrn);
      callback(null, resp);
    },
  };

  // Methods left out (Invoke, Call, ReadResource, transforms, hooks, ...) answer UNIMPLEMENTED.
  server.addService(resourceRpc.ResourceMonitorService, monitor as grpc.UntypedServiceImplementation);
  server.addService(engineRpc.EngineService, engine as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        // A program killed mid-call can leave a stream open; don't wait for it.
        setTimeout(() => server.forceShutdown(), 1000).unref();
      }),
  };
}

function toRegistration(req: resourcePb.RegisterResourceRequest): Registration {
  const unsupported = [
    req.getImportid() && "import",
    req.getRemote() && "remote components",
    req.getProtect() && "protect",
    req.getDeletedwith() && "deletedWith",
    req.getReplaceonchangesList().length > 0 && "replaceOnChanges",
    (req.getAliasesList().length > 0 || req.getAliasurnsList().length > 0) && "aliases",
    req.getProvider() && "explicit providers",
  ].filter(Boolean);
  if (unsupported.length > 0) {
    throw new Error(`the engine harness does not implement these resource options: ${unsupported.join(", ")}`);
  }
  const propertyDependencies: { [key: string]: string[] } = {};
  req.getPropertydependenciesMap().forEach((deps, key) => {
    propertyDependencies[key] = deps.getUrnsList();
  });
  return {
    type: req.getType(),
    name: req.getName(),
    parent: req.getParent(),
    custom: req.getCustom(),
    object: req.getObject()?.toJavaScript() ?? {},
    dependencies: req.getDependenciesList(),
    propertyDependencies,
    deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
    ignoreChanges: req.getIgnorechangesList(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    retainOnDelete: req.getRetainondelete() === true,
  };
}
