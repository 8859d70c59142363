import { emulatorControl, startEmulator, type Fixture, type SecretRecord } from "../../emulator";
import { createContext, type ProviderContext } from "../../provider/context";
import { SETTING_DEFAULTS } from "../../provider/settings";

export const TOKEN = "emulator-token";

/** One secret as the emulator holds it, with its plaintext value. */
export type EmulatedSecret = SecretRecord;

/**
 * The emulator on an ephemeral port, with its control client's methods (`secrets()`, `requests()`,
 * `reset()`, `addFault(rule)`...), plus a provider context pointed at it as a user would configure one.
 */
export async function emulatedGitHub(fixture?: Fixture) {
  const emulator = await startEmulator({ port: 0, fixture });
  const control = emulatorControl(emulator.url);
  return {
    ...control,
    url: emulator.url,
    context: (): ProviderContext =>
      createContext({ ...SETTING_DEFAULTS, pointsPerMinute: 0, token: TOKEN, baseUrl: emulator.url }),
    close: () => emulator.close(),
  };
}

export type EmulatedGitHub = Awaited<ReturnType<typeof emulatedGitHub>>;

/**
 * One emulator for a test file: started before its tests, closed after them, and with
 * `resetEachTest` emptied before each. The object is filled in when the emulator has started.
 */
export function useEmulatedGitHub(options: { resetEachTest?: boolean } = {}): EmulatedGitHub {
  const github = {} as EmulatedGitHub;
  beforeAll(async () => {
    Object.assign(github, await emulatedGitHub());
  });
  afterAll(() => github.close());
  if (options.resetEachTest) beforeEach(() => github.reset());
  return github;
}

const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/**
 * What the engine does to a provider's answer before the next call: the host answers Configure
 * with acceptSecrets false, so secret markers are stripped and only plain values travel.
 */
export function asEngineSends<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v) =>
    v && typeof v === "object" && SECRET_SIGNATURE in v ? v.value : v,
  );
}

/** Every place a string of `artifact` could carry `canary`, as JSON text. */
export function mentions(artifact: unknown, canary: string): boolean {
  return JSON.stringify(artifact ?? null).includes(canary);
}
