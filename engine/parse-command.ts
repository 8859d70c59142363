// The harness's flags: the Pulumi CLI's names for what it implements, plus `--state-dir`.
import { parseArgs } from "node:util";

const options = {
  yes: { type: "boolean", short: "y" },
  "skip-preview": { type: "boolean" },
  "non-interactive": { type: "boolean" },
  color: { type: "string" },
  cwd: { type: "string", short: "C" },
  stack: { type: "string", short: "s" },
  parallel: { type: "string", short: "p" },
  refresh: { type: "boolean", short: "r" },
  // Accepted, but the harness's display has no property diffs (see README.md): what `--diff` shows is the CLI's.
  diff: { type: "boolean" },
  "run-program": { type: "boolean" },
  secret: { type: "boolean" },
  // `config set --plaintext`: the CLI refuses a plaintext value that looks like a secret without it (a guess from
  // the key's name and the value's entropy); the harness takes any plaintext value, and this flag too.
  plaintext: { type: "boolean" },
  path: { type: "boolean" },
  "show-secrets": { type: "boolean" },
  file: { type: "string", short: "f" },
  "state-dir": { type: "string" },
  force: { type: "boolean" },
  "target-dependents": { type: "boolean" },
} as const;

function parse(args: string[]) {
  return parseArgs({ args, options, allowPositionals: true, strict: true });
}

/** The Go boolean flags the harness takes (`--flag`, `--flag=BOOL`), which node:util's parser cannot read. */
const GO_BOOLEAN_FLAGS = ["protect", "generate-code"] as const;
type GoBooleanFlag = (typeof GO_BOOLEAN_FLAGS)[number];

export type ParsedCommand = ReturnType<typeof parse> & {
  values: ReturnType<typeof parse>["values"] & {
    /**
     * `import --protect[=BOOL]` (default true) and `import --generate-code[=BOOL]` (default true); undefined when
     * not given.
     */
    [flag in GoBooleanFlag]?: boolean;
  };
};
export type Values = ParsedCommand["values"];

// Go's strconv.ParseBool, which cobra uses for `--flag=value` on a boolean flag.
const GO_TRUE = ["1", "t", "T", "TRUE", "true", "True"];
const GO_FALSE = ["0", "f", "F", "FALSE", "false", "False"];

export function parseCommand(args: string[]): ParsedCommand {
  const goFlags: { [flag in GoBooleanFlag]?: boolean } = {};
  const rest: string[] = [];
  for (const arg of args) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const flag = GO_BOOLEAN_FLAGS.find((name) => name === match?.[1]);
    if (!match || !flag) {
      rest.push(arg);
      continue;
    }
    const value = match[2] ?? "true";
    if (!GO_TRUE.includes(value) && !GO_FALSE.includes(value)) {
      throw Object.assign(new TypeError(`invalid argument "${value}" for "--${flag}" flag`), {
        code: "ERR_PARSE_ARGS_INVALID_OPTION_VALUE",
      });
    }
    goFlags[flag] = GO_TRUE.includes(value);
  }
  const parsed = parse(rest);
  return { ...parsed, values: { ...parsed.values, ...goFlags } };
}
