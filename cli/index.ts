#!/usr/bin/env node

const USAGE = `Usage: pulumi-github-secrets <command> [options]

Commands:
  emulator [--port N] [--fixture FILE] [--api-prefix /api/v3]
                                         Serve the GitHub Actions secrets API emulator on 127.0.0.1
                                         (under the prefix, as GitHub Enterprise Server serves it)
                                         and print its base URL once it listens.
  seal --key KEY                         Seal the value read from standard input (byte for byte:
                                         use printf '%s' to leave out a newline) for a public key
                                         (the \`key\` field of GitHub's public-key endpoints, base64
                                         of 32 bytes; not the \`key_id\`) and print the sealed value
                                         in base64.
  import-file --org ORG | --repo OWNER/REPO [--environment ENV] | --user [--app dependabot|codespaces] --out FILE
                                         List a scope's existing secrets (token from GITHUB_TOKEN,
                                         API from GITHUB_API_URL) and write an import file for
                                         \`pulumi import --file FILE --generate-code=false\`; print
                                         the program code that declares them, reading each value
                                         from the environment variable named after its secret.
  import-file --variables --org ORG | --repo OWNER/REPO [--environment ENV] --out FILE
                                         The same for the scope's Actions variables: the file and
                                         the printed program carry each value as GitHub holds it.
`;

// Loaded on demand: import-file needs @pulumi/pulumi, which the emulator and seal should not wait for.
const commands: Record<string, (args: string[]) => Promise<void>> = {
  emulator: async (args) => (await import("./run-emulator")).runEmulator(args),
  seal: async (args) => (await import("./run-seal")).runSeal(args),
  "import-file": async (args) => (await import("./run-import-file")).runImportFile(args),
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
