// `state delete URN...` (also `rm`, `remove`): takes resources out of the state and calls no provider, as
// `pulumi state delete` does (pkg/cmd/pulumi/state/state_delete.go, edit.DeleteResource). All or nothing: a
// resource that others depend on (as parent, dependency, property dependency or provider) is refused unless
// `--target-dependents`, which takes them out too; a protected one unless `--force`. Non-interactive, as the
// harness always is, nothing is asked first, so `--yes` changes nothing.
import { checkpointStackName, loadResources, saveResources } from "./checkpoint";
import { dependencyUrns } from "./dependency-order";
import type { ResourceState, StackContext } from "./types";
import { urnName } from "./urn";

export interface StateDeleteOptions {
  force: boolean;
  targetDependents: boolean;
}

type Context = Pick<StackContext, "project" | "stack" | "stateFile" | "crypter" | "output">;

export async function runStateDelete(ctx: Context, urns: string[], options: StateDeleteOptions): Promise<void> {
  if (urns.length === 0) throw new Error("Must supply <resource URN> unless pulumi is run interactively");
  let resources = await loadResources(ctx.stateFile, ctx.crypter);
  const targets = urns.map((urn) => locate(resources, urn));
  // Dependents first, so that naming a resource and what depends on it in one command works.
  for (const target of deleteOrder(resources, targets)) {
    allowDeletion(ctx, target, options);
    const dependents = dependentsOf(resources, target);
    if (dependents.length > 0 && !options.targetDependents) throw new Error(dependedOnMessage(target, dependents));
    for (const dependent of dependents) allowDeletion(ctx, dependent, options);
    const condemned = new Set([target, ...dependents]);
    resources = resources.filter((r) => !condemned.has(r));
  }
  await saveResources(ctx.stateFile, checkpointStackName(ctx.project.name, ctx.stack), resources, ctx.crypter);
  ctx.output.out(targets.length === 1 ? "Resource deleted\n" : `${targets.length} resources deleted\n`);
}

/** A protected resource is refused, or with `--force` unprotected with a warning. */
function allowDeletion(ctx: Context, r: ResourceState, options: StateDeleteOptions): void {
  if (!r.protect) return;
  if (!options.force) {
    throw new Error(
      `${r.urn} can't be safely deleted because it is protected. Re-run this command with --force to force deletion`,
    );
  }
  ctx.output.err(`warning: deleting protected resource ${r.urn} due to presence of --force\n`);
}

const URNS_HINT =
  "To list the resource URNs in the stack, run `pulumi stack --show-urns`; to inspect the full state, run `pulumi stack export`.";

function locate(resources: ResourceState[], urn: string): ResourceState {
  if (!urn.startsWith("urn:pulumi:") || urn.split("::").length < 4)
    throw new Error(`"${urn}" is not a valid resource URN\n${URNS_HINT}`);
  const found = resources.filter((r) => r.urn === urn);
  if (found.length === 0) throw new Error(`No such resource "${urn}" exists in the current state\n${URNS_HINT}`);
  if (found.length > 1) {
    throw new Error(
      `Resource URN ambiguously referred to multiple resources. Did you mean:\n${found.map((r) => `  ${r.id ?? ""}\n`).join("")}`,
    );
  }
  return found[0];
}

/** Everything that depends on `target`, directly or through others, in state order. */
function dependentsOf(resources: ResourceState[], target: ResourceState): ResourceState[] {
  const reached = new Set([target.urn]);
  const dependents: ResourceState[] = [];
  for (const r of resources) {
    if (r !== target && dependencyUrns(r).some((urn) => reached.has(urn))) {
      reached.add(r.urn);
      dependents.push(r);
    }
  }
  return dependents;
}

function deleteOrder(resources: ResourceState[], targets: ResourceState[]): ResourceState[] {
  const remaining = new Set(targets);
  const order: ResourceState[] = [];
  while (remaining.size > 0) {
    const next = [...remaining].find((t) => !dependentsOf(resources, t).some((d) => remaining.has(d)));
    if (!next)
      throw new Error(
        "could not order deletions: selected resources have cyclic or conflicting dependencies; try deleting them one at a time",
      );
    order.push(next);
    remaining.delete(next);
  }
  return order;
}

function dependedOnMessage(target: ResourceState, dependents: ResourceState[]): string {
  const lines = dependents.map((d) => ` * ${JSON.stringify(urnName(d.urn)).padEnd(15)} (${d.urn})\n`).join("");
  return `${target.urn} can't be safely deleted because the following resources depend on it:\n${lines}\nDelete those resources first or pass --target-dependents.`;
}
