// Ordering by dependencies: a resource depends on its parent, its `dependencies`, its property dependencies
// and its provider. The state lists every resource after what it depends on; deletes run in the reverse order,
// as many at once as `--parallel` allows, a resource only after everything depending on it is gone.
import type { Limit } from "./limiter";
import type { ResourceState } from "./types";

export function dependencyUrns(r: ResourceState): string[] {
  const urns = [...(r.dependencies ?? []), ...Object.values(r.propertyDependencies ?? {}).flat()];
  if (r.parent) urns.push(r.parent);
  if (r.provider) urns.push(r.provider.slice(0, r.provider.lastIndexOf("::")));
  return urns;
}

/** A stable topological order: the given order, except that dependencies are moved before their dependents. */
export function sortByDependencies(resources: ResourceState[]): ResourceState[] {
  const byUrn = new Map<string, ResourceState[]>();
  for (const r of resources) byUrn.set(r.urn, [...(byUrn.get(r.urn) ?? []), r]);
  const placed = new Set<ResourceState>();
  const visiting = new Set<ResourceState>();
  const sorted: ResourceState[] = [];
  const visit = (r: ResourceState) => {
    if (placed.has(r) || visiting.has(r)) return;
    visiting.add(r);
    for (const urn of dependencyUrns(r)) for (const dep of byUrn.get(urn) ?? []) visit(dep);
    visiting.delete(r);
    placed.add(r);
    sorted.push(r);
  };
  resources.forEach(visit);
  return sorted;
}

/**
 * Deletes `resources` dependents first. `deleteOne` resolves false on failure; after a failure no further delete
 * starts (like the CLI without --continue-on-error). It resolves "kept" for a resource that is not deleted but
 * does not stop the others (a protected one: the engine continues past that error); what it depends on is then
 * kept too. Resolves the resources actually deleted.
 */
export async function deleteInReverseOrder(
  resources: ResourceState[],
  deleteOne: (r: ResourceState) => Promise<boolean | "kept">,
  limit: Limit,
): Promise<Set<ResourceState>> {
  const deleted = new Set<ResourceState>();
  const dependents = new Map<ResourceState, ResourceState[]>(resources.map((r) => [r, []]));
  for (const r of resources) {
    for (const urn of dependencyUrns(r)) {
      for (const dep of resources) if (dep.urn === urn && dep !== r) dependents.get(dep)!.push(r);
    }
  }
  let failed = false;
  const done = new Map<ResourceState, Promise<void>>();
  const run = (r: ResourceState): Promise<void> => {
    let promise = done.get(r);
    if (!promise) {
      promise = Promise.all(dependents.get(r)!.map(run)).then(() =>
        limit(async () => {
          if (failed || dependents.get(r)!.some((d) => !deleted.has(d))) return;
          const result = await deleteOne(r);
          if (result === true) deleted.add(r);
          else if (result === false) failed = true;
        }),
      );
      done.set(r, promise);
    }
    return promise;
  };
  await Promise.all(resources.map(run));
  return deleted;
}

/** The engine's refusal to delete a protected resource (pkg/resource/deploy/step.go, deleteProtectedError). */
export function deleteProtectedMessage(urn: string): string {
  return (
    `resource ${JSON.stringify(urn)} cannot be deleted\n` +
    "because it is protected. To unprotect the resource, either remove the `protect` flag from the resource in " +
    "your Pulumi program and run `pulumi up`, or use the command:\n" +
    `\`pulumi state unprotect '${urn}'\``
  );
}
