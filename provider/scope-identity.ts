import type { InputProblem } from "../core/input-problems";
import type { SecretApp, Scope } from "../core/scope";
import { checkEnvironment, checkOwner, checkRepository, checkSecretName } from "../core/validate";
import type { RawInputs } from "./types";

/** The kinds of scope a resource's inputs can name (the user's own has no inputs). */
export type NamedScope = Exclude<Scope["kind"], "user">;

/** The inputs that name each kind of scope, in the order of its ID. */
const SCOPE_FIELDS = {
  org: ["org"],
  repo: ["owner", "repository"],
  environment: ["owner", "repository", "environment"],
} as const satisfies Record<NamedScope, readonly string[]>;

/** What names one secret or variable, in a resource kind's spec. */
export interface ItemIdentity<Inputs> {
  /** Input fields that name the item. A change to one, other than of case, replaces it (deleting first). */
  identity: ReadonlyArray<keyof Inputs & string>;
  /** The scope the (possibly unchecked) inputs name. */
  scopeOf(props: RawInputs): Scope;
  checkIdentity(news: RawInputs): Array<InputProblem | undefined>;
}

/**
 * What names one secret or variable: the scope's inputs and the name's (`secretName` or `variableName`), the scope
 * they make (of `app`, for secrets), and their checks. Every resource kind's identity is one of these, so a scope's
 * inputs are read and checked by the same code whatever lives in it.
 */
export function scopeIdentity<Inputs>(
  kind: NamedScope,
  nameField: keyof Inputs & string,
  app?: SecretApp,
): ItemIdentity<Inputs> {
  const text = (props: RawInputs, field: string) => String(props[field]);
  return {
    identity: [...SCOPE_FIELDS[kind], nameField] as ReadonlyArray<keyof Inputs & string>,
    scopeOf(props: RawInputs): Scope {
      const inApp = app === undefined ? {} : { app };
      if (kind === "org") return { kind, org: text(props, "org"), ...inApp };
      const repository = { owner: text(props, "owner"), repository: text(props, "repository"), ...inApp };
      return kind === "repo"
        ? { kind, ...repository }
        : { kind, ...repository, environment: text(props, "environment") };
    },
    checkIdentity(news: RawInputs): Array<InputProblem | undefined> {
      const scope =
        kind === "org"
          ? [checkOwner("org", news.org)]
          : [
              checkOwner("owner", news.owner),
              checkRepository("repository", news.repository),
              ...(kind === "environment" ? [checkEnvironment("environment", news.environment)] : []),
            ];
      return [...scope, checkSecretName(nameField, news[nameField])];
    },
  };
}
