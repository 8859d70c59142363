// Property values in Pulumi's wire form, and the engine's rules for carrying secretness across a
// provider that does not accept secrets (pkg/resource/plugin/provider_plugin.go: strip before the call,
// re-mark results by property name).
import type { PropertyMap, Value } from "./types";

export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type SecretValue = { [SIG_KEY]: typeof SECRET_SIG; value: Value };

function isObject(v: Value | undefined): v is { [key: string]: Value } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function isSecret(v: Value | undefined): v is SecretValue {
  return isObject(v) && v[SIG_KEY] === SECRET_SIG;
}

export function makeSecret(v: Value): Value {
  return isSecret(v) ? v : { [SIG_KEY]: SECRET_SIG, value: v };
}

export function containsSecrets(v: Value | undefined): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecrets);
  if (isObject(v)) return Object.values(v).some(containsSecrets);
  return false;
}

/** The value with every secret replaced by its plain value: what a provider without secret support gets. */
export function unwrapSecrets(v: Value): Value {
  if (isSecret(v)) return unwrapSecrets(v.value);
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (isObject(v)) return mapValues(v, unwrapSecrets);
  return v;
}

export function unwrapSecretsInMap(m: PropertyMap): PropertyMap {
  return mapValues(m, unwrapSecrets);
}

/**
 * Copies secretness from `ins` to `outs` by property name, recursing where both sides are objects, like the
 * engine's annotateSecrets. Returns a new map.
 */
export function annotateSecrets(outs: PropertyMap, ins: PropertyMap): PropertyMap {
  const result: PropertyMap = { ...outs };
  for (const [key, inValue] of Object.entries(ins)) {
    if (!(key in result)) continue;
    const outValue = result[key];
    if (isObject(outValue) && !isSecret(outValue) && isObject(inValue) && !isSecret(inValue)) {
      result[key] = annotateSecrets(outValue, inValue);
    } else if (!isSecret(outValue) && containsSecrets(inValue)) {
      result[key] = makeSecret(outValue);
    }
  }
  return result;
}

/**
 * The step executor's last pass over a new state: `additionalSecretOutputs` become secret, and so does any
 * output whose same-named input is secret.
 */
export function secretOutputs(outputs: PropertyMap, inputs: PropertyMap, additional: string[]): PropertyMap {
  const result: PropertyMap = { ...outputs };
  for (const [key, value] of Object.entries(result)) {
    if (additional.includes(key) || isSecret(inputs[key])) result[key] = makeSecret(value);
  }
  return result;
}

export function deepEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Maps every secret in a value through `f` (used to encrypt and decrypt secrets in the state file). */
export function mapSecrets(v: Value, f: (secret: { [key: string]: Value }) => Value): Value {
  if (isObject(v) && v[SIG_KEY] === SECRET_SIG) return f(v);
  if (Array.isArray(v)) return v.map((x) => mapSecrets(x, f));
  if (isObject(v)) return mapValues(v, (x) => mapSecrets(x, f));
  return v;
}

function mapValues(m: { [key: string]: Value }, f: (v: Value) => Value): { [key: string]: Value } {
  const result: { [key: string]: Value } = {};
  for (const [k, v] of Object.entries(m)) result[k] = f(v);
  return result;
}
