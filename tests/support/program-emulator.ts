import {
  defaultFixture,
  emulatorControl,
  startEmulator,
  type Emulator,
  type EmulatorControl,
  type Fixture,
} from "../../emulator";
import { declaredStack } from "../../programs/declared-stack";

/** GitHub's timestamps have whole seconds: a change made outside Pulumi waits until Pulumi's own write is a second old. */
export const pastPulumisWrite = () => new Promise((resolve) => setTimeout(resolve, 2100));

/**
 * One emulator for a test file of programs: started with the default fixture whose only token is `token` (changed
 * by `change`), reset before each test, closed after the file with every stack made by `newStack`. The control
 * client and the request-log helpers the tests count requests with are filled in once it has started.
 */
export function useProgramEmulator(token: string, change: (fixture: Fixture) => void = () => undefined) {
  let emulator: Emulator;
  const stacks: Array<{ remove(): void }> = [];
  const it = {
    /** The emulator's address, once it has started. */
    url: "",
    control: undefined as unknown as EmulatorControl,
    /** A stack of the `declared` program, or of `program`, against this emulator with `token`. */
    newStack: async (program?: string) => {
      const stack = await declaredStack(emulator.url, token, program);
      stacks.push(stack);
      return stack;
    },
    requestCount: async () => (await it.control.requests()).length,
    /** The requests answered since `mark`, `METHOD /path`. */
    sentSince: async (mark: number) => (await it.control.requests()).slice(mark).map((r) => `${r.method} ${r.path}`),
    /** The same, less the reads. */
    writesSince: async (mark: number) => (await it.sentSince(mark)).filter((r) => !r.startsWith("GET ")),
  };
  beforeAll(async () => {
    const fixture = defaultFixture();
    fixture.tokens = [{ token, user: "octocat" }];
    change(fixture);
    emulator = await startEmulator({ port: 0, fixture });
    it.url = emulator.url;
    it.control = emulatorControl(emulator.url);
  });
  afterAll(async () => {
    for (const stack of stacks) stack.remove();
    await emulator.close();
  });
  beforeEach(() => it.control.reset());
  return it;
}

/** No needle in any artifact: each failure names the artifact and shows the needle in its context. */
export function expectNoneOf(needles: string[], artifacts: Record<string, string>): void {
  for (const needle of needles) {
    for (const [where, text] of Object.entries(artifacts)) {
      const at = text.indexOf(needle);
      expect(at === -1 ? `${where}: clean` : `${where}: ...${text.slice(Math.max(0, at - 200), at + 60)}`).toBe(
        `${where}: clean`,
      );
    }
  }
}
