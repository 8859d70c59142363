import { invalid } from "../api-error";

/**
 * Checks of a JSON request body, answered with GitHub's schema-validation messages
 * (`Invalid request.\n\n"key_id" wasn't supplied.`).
 */
export function requireFields(body: Record<string, unknown>, fields: readonly string[]): void {
  const missing = fields.filter((field) => body[field] === undefined);
  if (missing.length === 1) throw invalid(`Invalid request.\n\n"${missing[0]}" wasn't supplied.`);
  if (missing.length > 1)
    throw invalid(`Invalid request.\n\n${missing.map((field) => `"${field}"`).join(", ")} weren't supplied.`);
}

export function stringField(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== "string")
    throw invalid(`Invalid request.\n\nFor 'properties/${field}', ${JSON.stringify(value)} is not a string.`);
  return value;
}

export function enumField<T extends string>(body: Record<string, unknown>, field: string, allowed: readonly T[]): T {
  const value = body[field];
  if (!allowed.includes(value as T)) {
    throw invalid(
      `Invalid request.\n\nFor 'properties/${field}', ${JSON.stringify(value)} is not one of [${allowed.map((a) => JSON.stringify(a)).join(", ")}].`,
    );
  }
  return value as T;
}

/**
 * An optional array of integers; undefined when absent. With `digitStrings`, strings of digits count as
 * their integers, where GitHub's description takes ids as integers or strings.
 */
export function integerArrayField(
  body: Record<string, unknown>,
  field: string,
  digitStrings = false,
): number[] | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value))
    throw invalid(`Invalid request.\n\nFor 'properties/${field}', ${JSON.stringify(value)} is not an array.`);
  return value.map((item: unknown) => {
    const id = digitStrings && typeof item === "string" && /^\d+$/.test(item) ? Number(item) : item;
    if (!Number.isSafeInteger(id))
      throw invalid(`Invalid request.\n\nFor 'items', ${JSON.stringify(item)} is not an integer.`);
    return id as number;
  });
}

/** An optional string; undefined when absent. */
export function optionalStringField(body: Record<string, unknown>, field: string): string | undefined {
  return body[field] === undefined ? undefined : stringField(body, field);
}
