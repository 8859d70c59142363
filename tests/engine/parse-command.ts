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
  secret: { type: "boolean" },
  "show-secrets": { type: "boolean" },
  file: { type: "string" },
  "state-dir": { type: "string" },
} as const;

export function parseCommand(args: string[]) {
  return parseArgs({ args, options, allowPositionals: true, strict: true });
}

export type ParsedCommand = ReturnType<typeof parseCommand>;
export type Values = ParsedCommand["values"];
