import { sample, UnreadableAnswer } from "./errors";

/** An answer as Octokit resolves it. */
export interface Answer {
  status: number;
  headers: Record<string, unknown>;
  data: unknown;
}

/** Reads the fields of one object in an answer; each reader throws `UnreadableAnswer` naming the field and what it held. */
export interface AnswerFields {
  text(field: string): string;
  /** An id GitHub sends as a string or a whole number (a public key's `key_id`). */
  idText(field: string): string;
  positiveInteger(field: string): number;
  /** An ISO 8601 time, as given. */
  timestamp(field: string): string;
  /** One of `values`, or undefined when the field is absent. */
  optionalOneOf<T extends string>(field: string, values: readonly T[]): T | undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (typeof value === "string") return `"${sample(value, 30)}"`;
  return Array.isArray(value) ? "a list" : `a ${typeof value}`;
}

export function unreadable(answer: Answer, problem: string): UnreadableAnswer {
  const contentType = typeof answer.headers["content-type"] === "string" ? answer.headers["content-type"] : "";
  return new UnreadableAnswer(problem, answer.status, sample(contentType, 40));
}

/** The fields of `value`, an object of `answer` described as `what` (e.g. `the public key`). */
export function fieldsOf(answer: Answer, value: unknown, what: string): AnswerFields {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw unreadable(answer, `${what} is ${describe(value)}, not a JSON object`);
  }
  const record = value as Record<string, unknown>;
  const wrong = (field: string, expected: string) =>
    unreadable(answer, `${what}'s ${field} is ${describe(record[field])}, not ${expected}`);
  return {
    text(field) {
      const v = record[field];
      if (typeof v === "string" && v !== "") return v;
      throw wrong(field, "a text");
    },
    idText(field) {
      const v = record[field];
      // Octokit parses numbers beyond 2^53 as BigInt, so a numeric key_id keeps its digits.
      if (
        (typeof v === "string" && v !== "") ||
        (typeof v === "number" && Number.isSafeInteger(v)) ||
        typeof v === "bigint"
      )
        return String(v);
      throw wrong(field, "an id");
    },
    positiveInteger(field) {
      const v = record[field];
      if (typeof v === "number" && Number.isSafeInteger(v) && v > 0) return v;
      throw wrong(field, "a positive whole number");
    },
    timestamp(field) {
      const v = record[field];
      if (typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v) && Number.isFinite(Date.parse(v))) return v;
      throw wrong(field, "a time");
    },
    optionalOneOf(field, values) {
      const v = record[field];
      if (v === undefined) return undefined;
      if (values.includes(v as never)) return v as (typeof values)[number];
      throw wrong(field, `one of ${values.map((x) => `"${x}"`).join(", ")}`);
    },
  };
}
