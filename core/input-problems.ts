/** One thing wrong with one input field, said so the user can fix it. */
export interface InputProblem {
  field: string;
  reason: string;
}

/** A value as an error shows it: text as it is, anything else as JSON (never `[object Object]`). */
export function shown(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
}

/** Inputs that fail local checks: nothing was sent to GitHub. */
export function invalidInputs(label: string, problems: InputProblem[]): Error {
  const lines = problems.map((p) => `  - ${p.field}: ${p.reason}`);
  return new Error(`${label}: invalid inputs, nothing was sent to GitHub:\n${lines.join("\n")}`);
}
