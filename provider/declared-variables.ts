import type { InputProblem } from "../core/input-problems";
import { describeScope, scopeKey, type Scope } from "../core/scope";
import type { ProviderContext } from "./context";

/** GitHub's limits on the Actions variables of one scope. */
export const VARIABLES_PER_SCOPE: Partial<Record<Scope["kind"], number>> = { org: 1000, repo: 500, environment: 100 };

// One count per provider context (per settings in a process), as DeclaredSecrets is for secrets.
const counts = new WeakMap<ProviderContext, Map<string, Set<string>>>();

/**
 * Counts the variables the program declares in `scope`, as the engine checks them: one more than GitHub allows is
 * refused at check time, so `preview` says so before any write (GitHub would refuse only the write that overflows).
 */
export function declareVariable(context: ProviderContext, scope: Scope, name: string): InputProblem | undefined {
  let scopes = counts.get(context);
  if (!scopes) counts.set(context, (scopes = new Map<string, Set<string>>()));
  const key = scopeKey(scope);
  let names = scopes.get(key);
  if (!names) scopes.set(key, (names = new Set()));
  names.add(name.toUpperCase());
  const limit = VARIABLES_PER_SCOPE[scope.kind];
  if (limit === undefined || names.size <= limit) return undefined;
  return {
    field: "variableName",
    reason: `is variable number ${names.size} that this program declares for ${describeScope(scope)}; GitHub allows at most ${limit} there. Move some variables to another scope (an environment or the organization) or remove some; nothing was written.`,
  };
}
