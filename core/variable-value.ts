import type { InputProblem } from "./input-problems";
import { isUnknown, MAX_VALUE_BYTES } from "./validate";

/**
 * Checks a variable's value: a non-empty string of at most 48 KB (GitHub's limit for a variable, as for a
 * secret). Unknown during a preview is fine. Problems never show the value. VariableSet runs this in the program
 * too, so that one bad value stops the whole set before any variable is written.
 */
export function checkVariableValue(field: string, value: unknown): InputProblem | undefined {
  if (isUnknown(value)) return undefined;
  if (value === undefined || value === null) return { field, reason: "is missing; give the variable's value." };
  if (typeof value !== "string") return { field, reason: `must be a string, got ${typeof value}.` };
  if (value === "") {
    return { field, reason: "is empty; GitHub stores no empty variables. Give a value or remove the resource." };
  }
  const bytes = Buffer.byteLength(value, "utf8");
  if (bytes > MAX_VALUE_BYTES) {
    return {
      field,
      reason: `is ${bytes} bytes; GitHub's limit for a variable is 48 KB (${MAX_VALUE_BYTES} bytes). Store a larger value elsewhere (e.g. a file in the repository) and keep its path here.`,
    };
  }
  return undefined;
}
