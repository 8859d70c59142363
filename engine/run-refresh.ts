// `refresh`: reads every dynamic resource in the state through the dynamic-provider host, configured with the
// provider's inputs stored in the state (as the CLI loads providers from the snapshot; with `--run-program`, with
// the current stack config, as the CLI's default provider then is), and saves the result.
import { checkpointStackName, saveResources } from "./checkpoint";
import { launchProviderHost, stateProvider } from "./default-provider";
import { sortByDependencies } from "./dependency-order";
import { limiter } from "./limiter";
import { refreshResources } from "./refresh-resources";
import { Report } from "./report";
import type { ProviderHost } from "./start-provider-host";
import type { ResourceState, StackContext } from "./types";

/** The host takes an engine address as its argument but never dials it. */
export const UNUSED_ENGINE_ADDRESS = "127.0.0.1:0";

export async function runRefresh(
  ctx: StackContext,
  olds: ResourceState[],
  { runProgram = false, previewFirst = false } = {},
): Promise<boolean> {
  const report = new Report(ctx.output, "refresh", ctx.stack);
  const provider = stateProvider(ctx, olds, runProgram);
  let host: Promise<ProviderHost> | undefined;
  const getHost = () => (host ??= launchProviderHost(ctx, provider, UNUSED_ENGINE_ADDRESS, "refresh"));
  try {
    // Without --skip-preview the CLI previews the refresh first, and a refresh's preview reads every resource
    // just as the refresh does (then reads them all again); a failed read there stops it before anything is saved.
    if (previewFirst && !(await refreshResources(olds, getHost, limiter(ctx.parallel), report, () => {})).ok)
      return false;
    const result = await refreshResources(olds, getHost, limiter(ctx.parallel), report, (op, urn) =>
      report.step(op, urn),
    );
    // With --run-program the stored provider was updated to the current config; otherwise it is kept as it was.
    const resources = result.resources.map((r) => (r.urn === provider.urn && runProgram ? provider : r));
    await saveResources(
      ctx.stateFile,
      checkpointStackName(ctx.project.name, ctx.stack),
      sortByDependencies(resources),
      ctx.crypter,
    );
    return result.ok;
  } finally {
    report.finish();
    await host?.then(
      (h) => h.close(),
      () => undefined,
    );
  }
}
