// `npm run demo`: the quickstart program (the root Pulumi.yaml) run the way `pulumi up` runs it,
// through the engine harness, against the emulator instead of GitHub.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { emulatorControl, startEmulator } from "../emulator";
import { runEngine } from "../engine/run-engine";

const ROOT = join(__dirname, "..", "..");
const STATE = join(ROOT, ".state", "demo");
const say = (text: string) => process.stdout.write(`${text}\n`);

async function main(): Promise<number> {
  const emulator = await startEmulator({ port: 0 });
  const control = emulatorControl(emulator.url);
  try {
    const values = {
      DEPLOY_TOKEN: `deploy-${randomBytes(12).toString("hex")}`,
      NPM_TOKEN: `npm-${randomBytes(12).toString("hex")}`,
    };
    const env = { ...values, PULUMI_CONFIG_PASSPHRASE: "demo", GITHUB_TOKEN: "" };
    const engine = async (...args: string[]) => {
      const result = await runEngine([...args, "--cwd", ROOT, "--stack", "demo", "--state-dir", STATE], { env });
      if (result.exitCode !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
      return result.stdout;
    };
    rmSync(STATE, { recursive: true, force: true });

    say(`GitHub secrets API emulator at ${emulator.url}\n`);
    await engine("config", "set", "github:baseUrl", emulator.url);
    await engine("config", "set", "--secret", "github:token", "emulator-token");

    say("$ pulumi up --yes");
    say(await engine("up", "--yes"));

    const stored = await control.secrets();
    let ok = stored.length === Object.keys(values).length;
    say("On the emulator, each secret decrypts with the repository's private key to:");
    for (const secret of stored) {
      const intended = values[secret.name as keyof typeof values];
      const same = secret.value === intended;
      ok &&= same;
      say(
        `  ${secret.owner}/${secret.repository} ${secret.name}: ${same ? "the intended value" : "A DIFFERENT VALUE"}`,
      );
    }

    const exported = await engine("stack", "export", "--show-secrets");
    const leaked = Object.entries(values).filter(([, value]) => exported.includes(value));
    ok &&= leaked.length === 0;
    say(
      `\nThe exported state (${exported.length} bytes, secrets shown decrypted) holds ${leaked.length === 0 ? "no" : "A"} plaintext value${leaked.length === 0 ? "" : `: ${leaked.map(([k]) => k).join(", ")}`}.\n`,
    );

    const before = (await control.requests()).length;
    say("$ pulumi up --yes   (again, nothing changed)");
    const second = await engine("up", "--yes");
    say(second);
    const requests = (await control.requests()).length - before;
    const unchanged = !/^ [+~-]|\d+ (created|updated|replaced|deleted)\b/m.test(second);
    ok &&= unchanged && requests === 0;
    say(
      `The second up changed ${unchanged ? "nothing" : "SOMETHING"} and sent ${requests} request${requests === 1 ? "" : "s"} to GitHub.`,
    );
    say(ok ? "\nDemo passed." : "\nDemo FAILED.");
    return ok ? 0 : 1;
  } finally {
    await emulator.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
