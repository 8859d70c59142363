// The `engine` command: `npm run -s engine -- <command> [flags]` (see README.md).
import { runEngine } from "./run-engine";

runEngine(process.argv.slice(2), {
  // npm runs scripts in the package root; relative paths are meant from where npm was invoked.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  echo: { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) },
}).then(
  ({ exitCode }) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
