// Refresh: each dynamic resource in the state is read through its provider (Read gets the old outputs as
// `properties` and the old inputs). No ID back means the resource is gone and leaves the state; otherwise
// its outputs (and inputs, when Read returns them) are replaced. The program does not run, as with the CLI's
// default `pulumi refresh`.
import type { Limit } from "./limiter";
import { deepEqual, unwrapSecretsInMap } from "./property-values";
import { isDynamicResourceType, type ProviderHost } from "./start-provider-host";
import type { Report } from "./report";
import type { ResourceState, StepOp } from "./types";

export interface RefreshResult {
  resources: ResourceState[];
  ok: boolean;
}

export async function refreshResources(
  resources: ResourceState[],
  host: () => Promise<ProviderHost>,
  limit: Limit,
  report: Report,
  onStep: (op: StepOp, urn: string) => void,
): Promise<RefreshResult> {
  let ok = true;
  const refreshed = await Promise.all(
    resources.map(async (r): Promise<ResourceState | undefined> => {
      if (!isDynamicResourceType(r.type)) {
        // The stack and components have nothing to read; default providers are not shown.
        if (!r.type.startsWith("pulumi:providers:")) onStep("same", r.urn);
        return r;
      }
      return limit(async () => {
        try {
          const read = await (await host()).read(r.urn, r.id ?? "", r.inputs ?? {}, r.outputs ?? {});
          if (!read.id) {
            onStep("delete", r.urn);
            return undefined;
          }
          const next: ResourceState = { ...r, id: read.id, outputs: read.outputs, inputs: read.inputs ?? r.inputs };
          const changed =
            read.id !== r.id ||
            !deepEqual(unwrapSecretsInMap(next.outputs ?? {}), unwrapSecretsInMap(r.outputs ?? {})) ||
            !deepEqual(unwrapSecretsInMap(next.inputs ?? {}), unwrapSecretsInMap(r.inputs ?? {}));
          onStep(changed ? "update" : "same", r.urn);
          return changed ? { ...next, modified: new Date().toISOString() } : r;
        } catch (e) {
          ok = false;
          report.stepFailed("update", r.urn);
          report.error(r.urn, (e as Error).message);
          return r;
        }
      });
    }),
  );
  return { resources: refreshed.filter((r): r is ResourceState => r !== undefined), ok };
}
