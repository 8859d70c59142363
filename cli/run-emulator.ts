import { parseArgs } from "node:util";
import { startEmulator } from "../emulator";

/** `emulator [--port N] [--fixture FILE] [--api-prefix /api/v3]`: runs until interrupted. */
export async function runEmulator(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { port: { type: "string" }, fixture: { type: "string" }, "api-prefix": { type: "string" } },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, got "${values.port}".`);
  const emulator = await startEmulator({ port, fixture: values.fixture, apiPrefix: values["api-prefix"] });
  process.stdout.write(`${emulator.url}\n`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
