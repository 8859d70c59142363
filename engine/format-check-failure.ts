// A check failure as the engine prints it (pkg/resource/deploy/step_generator.go, issueCheckFailures, with
// diag codes 2002/2003). The value is the program's input printed as Go's `{%v}` would print it, and Go prints
// a secret's plaintext there too: the harness keeps that, so a test sees what a real failure would leak.
import { isSecret } from "./property-values";
import type { CheckFailure, Registration, Value } from "./types";

/** `reg` is the registration, or for an import its type, URN name and inputs. */
export function formatCheckFailure(reg: Pick<Registration, "type" | "name" | "object">, failure: CheckFailure): string {
  if (!failure.property) return `${reg.type} resource '${reg.name}' has a problem: ${failure.reason}`;
  const value = goValue(reg.object[failure.property]);
  return `${reg.type} resource '${reg.name}': property ${failure.property} value ${value} has a problem: ${failure.reason}`;
}

function goValue(v: Value | undefined): string {
  if (v === undefined || v === null) return "{<nil>}";
  if (isSecret(v)) return `{&{${goValue(v.value)}}}`;
  if (typeof v === "object") return `{${JSON.stringify(v)}}`;
  return `{${String(v)}}`;
}
