import type { FaultRuleInput } from "../../emulator";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { declaredStack } from "../../programs/declared-stack";
import { expectedOnGitHub, twoHundredSecrets, upUnderFault, useFaultEmulator } from "../support/two-hundred-secrets";
import { engineTimeout } from "../support/engine-timeout";

// GitHub's own faults, one `up` of 200 secrets over organization, repository and environment scopes
// per kind: afterwards every secret decrypts to its value on the emulator, none is missing or extra,
// the state agrees, and a second `up` changes nothing.
const FAULTS: Array<[string, FaultRuleInput]> = [
  ["latency", { kind: "latency", ms: 150, share: 0.3 }],
  ["server errors (500/502/503)", { kind: "status", status: 503, share: 0.1, method: "PUT" }],
  ["connection resets", { kind: "reset", share: 0.05 }],
  ["secondary rate limit", { kind: "secondary-rate-limit", retryAfter: 1, share: 0.02, count: 5 }],
  ["primary rate limit", { kind: "primary-rate-limit", resetInSeconds: 1, count: 2 }],
  ["404 on the first read after a write", { kind: "not-found-after-write" }],
  ["key rotation part-way", { kind: "rotate-keys", afterRequests: 100 }],
];

const github = useFaultEmulator();
const figures: string[] = [];
afterAll(() => process.stdout.write(`\nFault suite (200 secrets per run):\n${figures.join("\n")}\n`));

test.each(FAULTS)(
  "%s: every secret right, none missing or extra, and a second up changes nothing",
  async (what, fault) => {
    figures.push(await upUnderFault(github, what, fault));
  },
  engineTimeout(180_000),
);

/** The harness's own command in a process of its own, as a pipeline runs `pulumi up` (through the CLI when the suite does). */
function upInItsOwnProcess(stack: Awaited<ReturnType<typeof declaredStack>>, options: { detached?: boolean } = {}) {
  const cli = join(__dirname, "..", "..", "dist-engine", "cli.js");
  const env = {
    ...process.env,
    PULUMI_CONFIG_PASSPHRASE: "test passphrase",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    GITHUB_TOKEN: "",
    ...stack.env(),
  };
  return spawn(process.execPath, [cli, "up", "--yes", "--cwd", stack.dir], { env, stdio: "ignore", ...options });
}

async function untilWritten(count: number): Promise<void> {
  while ((await github.secrets()).length < count) await new Promise((resolve) => setTimeout(resolve, 50));
}

test(
  "a run killed part-way converges on the next up, nothing duplicated or lost",
  async () => {
    const stack = await declaredStack(github.url, "emulator-token");
    try {
      const declared = twoHundredSecrets("killed");
      await stack.declare(declared);
      await github.setLatency(40);
      // Killed, with everything it started, once some secrets are written.
      const child = upInItsOwnProcess(stack, { detached: true });
      await untilWritten(40);
      process.kill(-child.pid!, "SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));
      const written = (await github.secrets()).length;
      expect(written).toBeLessThan(200);
      await github.setLatency(0);

      // As a user does after a killed `pulumi up`: the CLI's file backend left the stack locked.
      expect((await stack.run("cancel", "--yes")).exitCode).toBe(0);
      const next = await stack.up();
      // The output only when it failed, so that a failure shows why.
      expect({ exitCode: next.exitCode, output: next.exitCode === 0 ? "" : next.stdout + next.stderr }).toEqual({
        exitCode: 0,
        output: "",
      });
      expect(await github.onGitHub()).toEqual(expectedOnGitHub(declared));
      expect((await stack.exported()).resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"))).toHaveLength(
        200,
      );
      expect((await stack.up()).stdout).toMatch(/201 unchanged/);
      figures.push(
        `  killed after ${written} of 200 secrets were written: the next up wrote the rest and the second changed nothing`,
      );
    } finally {
      stack.remove();
    }
  },
  engineTimeout(180_000),
);

test(
  "Ctrl-C part-way: the steps under way finish, everything written is in the state, and the next up converges",
  async () => {
    const stack = await declaredStack(github.url, "emulator-token");
    try {
      const declared = twoHundredSecrets("interrupted");
      await stack.declare(declared);
      await github.setLatency(40);
      const child = upInItsOwnProcess(stack);
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      await untilWritten(19);
      child.kill("SIGINT");
      expect(await exited).not.toBe(0);
      await github.setLatency(0);

      // Nothing GitHub holds is missing from the state: a secret written is a secret saved.
      const written = (await github.secrets()).map((s) => s.name).sort();
      expect(written.length).toBeLessThan(200);
      const saved = (await stack.exported()).resources
        .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"))
        .map((r) => r.id!.split("/").pop()!)
        .sort();
      expect(saved).toEqual(written);

      const next = await stack.up();
      expect({ exitCode: next.exitCode, output: next.exitCode === 0 ? "" : next.stdout + next.stderr }).toEqual({
        exitCode: 0,
        output: "",
      });
      expect(await github.onGitHub()).toEqual(expectedOnGitHub(declared));
      figures.push(`  interrupted after ${written.length} of 200 secrets were written, all of them in the state`);
    } finally {
      stack.remove();
    }
  },
  engineTimeout(180_000),
);
