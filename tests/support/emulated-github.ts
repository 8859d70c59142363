import { startEmulator, type Fixture } from "../../emulator";
import { createContext, type ProviderContext } from "../../provider/context";
import { SETTING_DEFAULTS } from "../../provider/settings";

export const TOKEN = "emulator-token";

export interface EmulatedSecret {
  scope: "org" | "repo" | "environment";
  owner: string;
  repository: string | null;
  environment: string | null;
  name: string;
  value: string;
  visibility: string | null;
  selected_repository_ids: number[] | null;
  created_at: string;
  updated_at: string;
}

export interface ServedRequest {
  method: string;
  path: string;
  status: number;
}

/** The emulator on an ephemeral port, plus a provider context pointed at it as a user would configure one. */
export async function emulatedGitHub(fixture?: Fixture) {
  const emulator = await startEmulator({ port: 0, fixture });
  const control = async (path: string, init?: RequestInit): Promise<any> => {
    const response = await fetch(`${emulator.url}/_emulator/${path}`, init);
    if (!response.ok) throw new Error(`emulator control ${path}: ${response.status}`);
    return response.status === 204 ? undefined : response.json();
  };
  return {
    url: emulator.url,
    context: (): ProviderContext => createContext({ ...SETTING_DEFAULTS, pointsPerMinute: 0, token: TOKEN, baseUrl: emulator.url }),
    secrets: async (): Promise<EmulatedSecret[]> => control("secrets"),
    requests: async (): Promise<ServedRequest[]> => control("requests"),
    reset: () => control("reset", { method: "POST" }),
    rotateKeys: () => control("rotate-keys", { method: "POST" }),
    upsert: (secret: Partial<EmulatedSecret>) =>
      control("secrets", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(secret) }),
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
