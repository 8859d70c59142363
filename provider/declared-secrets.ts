import type { InputProblem } from "../core/input-problems";
import { describeScope, scopeKey, type Scope } from "../core/scope";

/** GitHub's limits on the secrets of one scope, whichever application's. */
export const SECRETS_PER_SCOPE: Record<Scope["kind"], number> = { org: 1000, repo: 100, environment: 100, user: 100 };

/**
 * The secrets the program declares in each scope, as the engine checks them. A program that
 * declares more than GitHub allows in one scope is refused at check time, so `preview` says so
 * before any write, where GitHub would refuse only the write that overflows, after all the others.
 */
export class DeclaredSecrets {
  private readonly names = new Map<string, Set<string>>();

  declare(scope: Scope, secretName: string): InputProblem | undefined {
    const key = scopeKey(scope);
    let names = this.names.get(key);
    if (!names) this.names.set(key, (names = new Set()));
    names.add(secretName.toUpperCase());
    const limit = SECRETS_PER_SCOPE[scope.kind];
    if (names.size <= limit) return undefined;
    return {
      field: "secretName",
      reason: `is secret number ${names.size} that this program declares for ${describeScope(scope)}; GitHub allows at most ${limit} there. Move some secrets to another scope (an environment or the organization) or remove some; nothing was written.`,
    };
  }
}
