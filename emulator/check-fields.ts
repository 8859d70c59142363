/** Shape checks for the control surface's bodies and `startEmulator`'s options; errors name the field. */

export function objectOf(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error(`${at} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** Refuses fields it does not know, so that a misspelt `retry_after` is not silently ignored. */
export function onlyKeys(o: Record<string, unknown>, allowed: readonly string[], at: string): void {
  const extra = Object.keys(o).filter((key) => !allowed.includes(key));
  if (extra.length > 0) {
    throw new Error(
      `${at} has unknown field${extra.length > 1 ? "s" : ""} ${extra.map((key) => JSON.stringify(key)).join(", ")}; allowed: ${allowed.join(", ")}`,
    );
  }
}

export interface NumberRule {
  min: number;
  max?: number;
  integer?: boolean;
  /** Whether `min` itself is refused. */
  above?: boolean;
}

/** The number at `o[key]`, or undefined when absent; anything else outside the rule throws. */
export function optionalNumber(
  o: Record<string, unknown>,
  key: string,
  at: string,
  rule: NumberRule,
): number | undefined {
  const value = o[key];
  if (value === undefined) return undefined;
  const { min, max, integer = false, above = false } = rule;
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (!integer || Number.isSafeInteger(value)) &&
    (above ? value > min : value >= min) &&
    (max === undefined || value <= max);
  if (!ok) {
    const range = `${above ? `> ${min}` : `>= ${min}`}${max === undefined ? "" : ` and <= ${max}`}`;
    throw new Error(`${at}.${key} must be ${integer ? "an integer" : "a number"} ${range}`);
  }
  return value;
}

export function requiredNumber(o: Record<string, unknown>, key: string, at: string, rule: NumberRule): number {
  const value = optionalNumber(o, key, at, rule);
  if (value === undefined) throw new Error(`${at}.${key} is required`);
  return value;
}
