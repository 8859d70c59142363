import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { engineTimeout } from "../tests/support/engine-timeout";

// The README's main command, as `npm run demo` runs it (after the build that `npm test` does too).
test(
  "the demo passes: created, decrypted on the emulator, no value in the state, a second up changes nothing",
  async () => {
    const demo = join(__dirname, "..", "dist-demo", "demo", "demo.js");
    const { stdout } = await promisify(execFile)(process.execPath, [demo]);
    expect(stdout).toMatch(/\+ 3 created/);
    expect(stdout).toMatch(/DEPLOY_TOKEN: the intended value/);
    expect(stdout).toMatch(/holds no plaintext value/);
    expect(stdout).toMatch(/The second up changed nothing and sent 0 requests to GitHub\./);
    expect(stdout).toMatch(/Demo passed\.$/m);
  },
  engineTimeout(120_000),
);
