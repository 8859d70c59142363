// `destroy`: deletes everything in the state, dependents first, without running the program. Each dynamic
// resource is deleted by the `__provider` stored in its state (the host deserializes it from the old
// outputs), the host configured with the provider inputs stored in the state (with `--run-program`, with the
// current stack config).
import { checkpointStackName, saveResources } from "./checkpoint";
import { launchProviderHost, stateProvider } from "./default-provider";
import { deleteInReverseOrder, deleteProtectedMessage, sortByDependencies } from "./dependency-order";
import { limiter } from "./limiter";
import { Report } from "./report";
import { UNUSED_ENGINE_ADDRESS } from "./run-refresh";
import { isDynamicResourceType, type ProviderHost } from "./start-provider-host";
import type { ResourceState, StackContext } from "./types";

export async function runDestroy(ctx: StackContext, olds: ResourceState[], runProgram = false): Promise<boolean> {
  const report = new Report(ctx.output, "destroy", ctx.stack);
  let host: Promise<ProviderHost> | undefined;
  const getHost = () =>
    (host ??= launchProviderHost(ctx, stateProvider(ctx, olds, runProgram), UNUSED_ENGINE_ADDRESS, "destroy"));
  let ok = true;
  try {
    const deleted = await deleteInReverseOrder(
      olds,
      async (r) => {
        if (r.protect && !r.delete) {
          // The engine refuses, and goes on with the other deletes; what the resource depends on stays too.
          ok = false;
          report.stepFailed("delete", r.urn);
          report.error(r.urn, deleteProtectedMessage(r.urn));
          return "kept";
        }
        try {
          // A retained resource only leaves the state, as in `up`.
          if (isDynamicResourceType(r.type) && !r.retainOnDelete) {
            await (await getHost()).delete(r.urn, r.id ?? "", r.inputs ?? {}, r.outputs ?? {});
          }
          // Default providers are not shown; a pending delete belongs to an earlier replacement.
          if (!r.type.startsWith("pulumi:providers:") && !r.delete) report.step("delete", r.urn, r.retainOnDelete);
          return true;
        } catch (e) {
          ok = false;
          report.stepFailed("delete", r.urn);
          report.error(r.urn, (e as Error).message);
          return false;
        }
      },
      limiter(ctx.parallel),
    );
    await saveResources(
      ctx.stateFile,
      checkpointStackName(ctx.project.name, ctx.stack),
      sortByDependencies(olds.filter((r) => !deleted.has(r))),
      ctx.crypter,
    );
    return ok;
  } finally {
    report.finish();
    await host?.then(
      (h) => h.close(),
      () => undefined,
    );
  }
}
