// The `engine` command: `npm run -s engine -- <command> [flags]` (see README.md).
import { runEngine } from "./run-engine";

// Ctrl-C as the CLI takes it: the first stops the update gracefully (steps under way finish and are saved), a
// second ends the process at once.
const interrupt = new AbortController();
process.once("SIGINT", () => {
  process.stderr.write("^C received; cancelling. If you would like to terminate immediately, press ^C again.\n");
  interrupt.abort();
  process.once("SIGINT", () => process.exit(130));
});

runEngine(process.argv.slice(2), {
  // npm runs scripts in the package root; relative paths are meant from where npm was invoked.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  echo: { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) },
  interrupt: interrupt.signal,
}).then(
  ({ exitCode }) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
