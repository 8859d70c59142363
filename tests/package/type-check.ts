// Runs the TypeScript compiler (no emit) over files of a scratch project, with compiler options as a user's project
// would have them, and returns its errors.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export interface CompileError {
  /** As given in `files`. */
  file: string;
  line: number;
  message: string;
}

export interface TypeCheckRun {
  /** The scratch project's directory; `files` are relative to it. */
  dir: string;
  /** Names the tsconfig file written for this run, so that runs in one directory do not overwrite each other. */
  name: string;
  files: string[];
  compilerOptions: Record<string, unknown>;
}

export function typeCheck({ dir, name, files, compilerOptions }: TypeCheckRun): Promise<CompileError[]> {
  const config = join(dir, `tsconfig.${name}.json`);
  writeFileSync(
    config,
    JSON.stringify({ compilerOptions: { noEmit: true, strict: true, types: ["node"], ...compilerOptions }, files }),
  );
  const tsc = require.resolve("typescript/bin/tsc");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [tsc, "-p", config, "--pretty", "false"],
      { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        const errors = [...stdout.matchAll(/^(.+?)\((\d+),\d+\): error (.*)$/gm)].map(([, file, line, message]) => ({
          file,
          line: Number(line),
          message,
        }));
        // A failure tsc reports without a location (a bad config, a crash) must not pass as "no errors".
        if (error && errors.length === 0) reject(new Error(`tsc failed: ${stdout}${error.message}`));
        else resolve(errors);
      },
    );
  });
}
