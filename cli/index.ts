#!/usr/bin/env node
import { runEmulator } from "./run-emulator";
import { runSeal } from "./run-seal";

const USAGE = `Usage: pulumi-github-secrets <command> [options]

Commands:
  emulator [--port N] [--fixture FILE]   Serve the GitHub Actions secrets API emulator on 127.0.0.1
                                         and print its base URL once it listens.
  seal --key KEY                         Seal the value read from standard input (byte for byte:
                                         use printf '%s' to leave out a newline) for a public key
                                         (base64, as GitHub's public-key endpoints return it) and
                                         print the sealed value in base64.
`;

const commands: Record<string, (args: string[]) => Promise<void>> = {
  emulator: runEmulator,
  seal: runSeal,
};

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(USAGE);
    return;
  }
  const command = commands[name];
  if (!command) throw new Error(`unknown command "${name}".\n\n${USAGE}`);
  await command(args);
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`pulumi-github-secrets: ${error.message}\n`);
  process.exit(2);
});
