import type * as pulumi from "@pulumi/pulumi";
import type { InputProblem } from "../core/input-problems";
import { checkSecretName } from "../core/validate";
import { readEnvFile } from "./read-env-file";

// What SecretSet and VariableSet share: one scope given whole, and entries from a map or a .env file, every one
// checked before anything is declared. `noun` says what the set holds (`secret`, `variable`).

/** One entry of a set; `where` names the map key or the .env file's line. */
export interface SetEntry {
  name: string;
  value: pulumi.Input<string>;
  where: string;
}

/** Where a set's entries come from: a map, or a .env file. */
export interface SetSource {
  values?: Record<string, pulumi.Input<string>>;
  envFile?: string;
}

const REPOSITORY_FIELDS = ["owner", "repository", "environment"] as const;
const ORG_ONLY_FIELDS = ["visibility", "selectedRepositories"] as const;

// The scope's type is a union TypeScript cannot tell apart field by field (nor check at all in a
// program that reads its sets from config): exactly one scope, whole.
export function scopeProblems(args: object, noun: string): InputProblem[] {
  const given = (field: string) => (args as Record<string, unknown>)[field] !== undefined;
  if (given("org")) {
    return REPOSITORY_FIELDS.filter(given).map((field) => ({
      field,
      reason: `is given with org; a set has one scope: give org for organization ${noun}s, or owner and repository (and environment) for a repository's.`,
    }));
  }
  return [
    ...["owner", "repository"]
      .filter((field) => !given(field))
      .map((field) => ({
        field,
        reason: `is missing; give org for organization ${noun}s, or owner and repository (and environment) for a repository's.`,
      })),
    ...ORG_ONLY_FIELDS.filter(given).map((field) => ({
      field,
      reason: `is for organization ${noun}s only; remove it, or give org instead of owner and repository.`,
    })),
  ];
}

/**
 * Every check of a set that needs no request, for every entry at once (a set is declared whole or not at all):
 * the source (`values` or `envFile`, by line), the scope, names, duplicate names (case-insensitively), and each
 * known value with `valueReasons` (reasons only: problems name the entry, never show the value).
 */
export function setEntries(
  args: SetSource,
  noun: string,
  valueReasons: (value: string) => string[],
): { entries: SetEntry[]; problems: InputProblem[] } {
  if (args.values !== undefined && args.envFile !== undefined) {
    return { entries: [], problems: [{ field: "values", reason: "and envFile are both given; give one of them." }] };
  }
  const read =
    args.envFile !== undefined
      ? readEnvFile(args.envFile)
      : args.values !== undefined
        ? {
            entries: Object.entries(args.values).map(([name, value]) => ({ name, value, where: `values.${name}` })),
            problems: [],
          }
        : {
            entries: [],
            problems: [
              {
                field: "envFile",
                reason: "is missing; give the path of a .env file, or values (a map of names to values).",
              },
            ],
          };
  const problems = [...scopeProblems(args, noun), ...read.problems];
  const seen = new Map<string, string>();
  for (const { name, value, where } of read.entries) {
    const nameProblem = checkSecretName(where, name);
    if (nameProblem) problems.push(nameProblem);
    // GitHub names are case-insensitive: two entries for one name would be one item written twice.
    const first = seen.get(name.toUpperCase());
    if (first !== undefined)
      problems.push({
        field: where,
        reason: `sets ${name}, which ${first} sets already (GitHub names are case-insensitive); keep one.`,
      });
    else seen.set(name.toUpperCase(), where);
    if (typeof value === "string") {
      problems.push(...valueReasons(value).map((reason) => ({ field: `${where} (the value of ${name})`, reason })));
    }
  }
  return { entries: read.entries, problems };
}
