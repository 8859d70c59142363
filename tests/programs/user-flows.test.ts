import { randomUUID } from "node:crypto";
import { defaultFixture, emulatorControl, startEmulator, type Emulator, type EmulatorControl } from "../../emulator";
import { byName, declaredStack, type Declared } from "../../programs/declared-stack";
import { engineTimeout } from "../support/engine-timeout";

// The CLI's own user flows, as a user runs them: `preview --diff` on a value change, `refresh --diff` and
// `up --refresh` after a change made outside Pulumi, `stack export --show-secrets`, `state delete` and `destroy`.
// Through whichever engine runs the suite; what only the CLI shows (its property diff) is checked when it is the CLI.
const THROUGH_CLI = process.env.PULUMI_GITHUB_SECRETS_ENGINE === "cli";
const TOKEN = "user-flows-token";
let emulator: Emulator;
let control: EmulatorControl;

beforeAll(async () => {
  const fixture = defaultFixture();
  fixture.tokens = [{ token: TOKEN }];
  emulator = await startEmulator({ port: 0, fixture });
  control = emulatorControl(emulator.url);
});
afterAll(() => emulator.close());

const deploy = (value: string): Declared => ({
  kind: "RepoSecret",
  name: "deploy",
  args: { owner: "octo-org", repository: "hello-world", secretName: "DEPLOY_TOKEN" },
  value,
});
const onGitHub = async () => Object.fromEntries((await control.secrets()).map((s) => [s.name, s.value]));
const pastGitHubsSecond = () => new Promise((resolve) => setTimeout(resolve, 2100));

test(
  "preview --diff, refresh --diff, up --refresh, stack export --show-secrets, state delete and destroy",
  async () => {
    const first = `canary-${randomUUID()}`;
    const second = `canary-${randomUUID()}`;
    const stack = await declaredStack(emulator.url, TOKEN);
    try {
      await stack.declare([deploy(first)]);
      expect((await stack.up()).exitCode).toBe(0);

      // A value change: the diff names the fingerprint that changes, never the value or anything sealed.
      await stack.declare([deploy(second)]);
      const preview = await stack.run("preview", "--diff");
      expect(preview.exitCode).toBe(0);
      const shown = preview.stdout + preview.stderr;
      for (const canary of [first, second]) expect(shown).not.toContain(canary);
      expect(shown).toMatch(/~ 1 to update/);
      if (THROUGH_CLI) {
        expect(shown).toMatch(/~ valueFingerprint: "hmac-sha256:[^"]+" => "hmac-sha256:[^"]+"/);
        expect(shown).toMatch(/valueSalt\s*: \[secret\]/);
      }
      expect((await stack.up()).exitCode).toBe(0);
      expect(await onGitHub()).toEqual({ DEPLOY_TOKEN: second });

      // Changed by hand: refresh --diff records the drift, up --refresh writes the program's value again.
      await pastGitHubsSecond();
      await control.upsertSecret({
        scope: "repo",
        owner: "octo-org",
        repository: "hello-world",
        name: "DEPLOY_TOKEN",
        value: "by hand",
      });
      const refreshed = await stack.run("refresh", "--diff", "--yes");
      expect(refreshed.exitCode).toBe(0);
      expect(byName(await stack.exported(), "RepoSecret").deploy.outputs.drift).toMatch(/^changed outside Pulumi at /);
      const restored = await stack.up("--refresh");
      expect(restored.exitCode).toBe(0);
      expect(await onGitHub()).toEqual({ DEPLOY_TOKEN: second });

      // The state with its secrets shown holds no value: the default provider's inputs, where the engine keeps
      // the stack config (here only the token), aside.
      const shownState = await stack.exported(true);
      const secrets = shownState.resources.filter((r) => !r.type.startsWith("pulumi:providers:"));
      for (const canary of [first, second]) expect(JSON.stringify(secrets)).not.toContain(canary);
      for (const file of stack.files()) for (const canary of [first, second]) expect(file).not.toContain(canary);

      // state delete forgets the secret without touching GitHub; destroy then has nothing of it to delete.
      const urn = byName(shownState, "RepoSecret").deploy.urn as string;
      expect((await stack.run("state", "delete", urn, "--yes")).exitCode).toBe(0);
      expect(byName(await stack.exported(), "RepoSecret").deploy).toBeUndefined();
      expect(await onGitHub()).toEqual({ DEPLOY_TOKEN: second });
      const sent = (await control.requests()).length;
      expect((await stack.destroy()).exitCode).toBe(0);
      expect((await control.requests()).slice(sent).filter((r) => r.method !== "GET")).toEqual([]);
      expect(await onGitHub()).toEqual({ DEPLOY_TOKEN: second });

      // Declared again, it is created again (a PUT over GitHub's copy), and destroy deletes it.
      expect((await stack.up()).exitCode).toBe(0);
      expect((await stack.destroy()).exitCode).toBe(0);
      expect(await onGitHub()).toEqual({});
    } finally {
      stack.remove();
    }
  },
  engineTimeout(120_000),
);
