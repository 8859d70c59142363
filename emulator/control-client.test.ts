import {
  type Emulator,
  type FaultRuleInput,
  EmulatorControlError,
  defaultFixture,
  emulatorControl,
  startEmulator,
} from "./index";

// The control client over real HTTP, against an emulator under GitHub Enterprise Server's prefix:
// each method reaches its route and answers what the emulator answered.
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ apiPrefix: "/api/v3" });
});
afterAll(() => emulator.close());

const publicKeyId = async () => {
  const response = await fetch(`${emulator.url}/repos/octo-org/hello-world/actions/secrets/public-key`, {
    headers: { authorization: "token emulator-token" },
  });
  return ((await response.json()) as { key_id: string }).key_id;
};

test("each method reaches its route, under the API prefix, and answers the emulator's answer", async () => {
  expect(emulator.url).toMatch(/\/api\/v3$/);
  const control = emulatorControl(`${emulator.url}/`);

  expect(await control.secrets()).toEqual([]);
  const written = await control.upsertSecret({
    scope: "repo",
    owner: "octo-org",
    repository: "hello-world",
    name: "by_hand",
    value: "v1",
  });
  expect(written).toMatchObject({
    scope: "repo",
    owner: "octo-org",
    repository: "hello-world",
    name: "BY_HAND",
    value: "v1",
  });
  expect(await control.secrets()).toEqual([written]);

  const keyId = await publicKeyId();
  expect(await control.requests()).toEqual([
    { method: "GET", path: "/api/v3/repos/octo-org/hello-world/actions/secrets/public-key", query: {}, status: 200 },
  ]);
  expect(await control.installationTokens()).toEqual([]);
  await control.rotateKeys();
  expect(await publicKeyId()).not.toBe(keyId);

  const rule = await control.addFault({ kind: "status", status: 503, count: 1 });
  expect(rule).toEqual({
    id: rule.id,
    kind: "status",
    share: 1,
    count: 1,
    method: null,
    path: null,
    status: 503,
    matched: 0,
    injected: 0,
  });
  expect(await control.faults()).toEqual([rule]);
  await control.removeFault(rule.id);
  expect(await control.faults()).toEqual([]);
  await control.addFault({ kind: "latency", ms: 5 });
  await control.clearFaults();
  expect(await control.faults()).toEqual([]);

  const on = await control.setLimits({ concurrent: 5 });
  expect(on).toMatchObject({ enabled: true, settings: { concurrent: 5, pointsPerMinute: 900 }, rejected: 0 });
  expect(await control.limits()).toEqual(on);
  await control.clearLimits();
  expect((await control.limits()).enabled).toBe(false);
  await control.setLimits({ concurrent: 5 });
  expect(await control.setLimits(null)).toMatchObject({ enabled: false, settings: null });

  expect(await control.setLatency(25)).toEqual({ ms: 25 });
  expect(await control.latency()).toEqual({ ms: 25 });

  // A reset to a given fixture, then back to it: log, rules, latency and out-of-band writes cleared.
  const seeded = {
    ...defaultFixture(),
    secrets: [{ scope: "org" as const, owner: "octo-org", name: "SEEDED", value: "s" }],
  };
  await control.addFault({ kind: "reset" });
  await control.reset(seeded);
  expect((await control.secrets()).map((s) => s.name)).toEqual(["SEEDED"]);
  expect(await control.requests()).toEqual([]);
  expect(await control.faults()).toEqual([]);
  expect(await control.latency()).toEqual({ ms: 0 });
  await control.upsertSecret({ scope: "org", owner: "octo-org", name: "LATER", value: "l" });
  await control.reset();
  expect((await control.secrets()).map((s) => s.name)).toEqual(["SEEDED"]);
});

test("a refused call rejects with an error naming the route, the status and the emulator's message", async () => {
  const control = emulatorControl(emulator.url);
  const invalid = await control
    .addFault({ kind: "flood" } as unknown as FaultRuleInput)
    .catch((error: unknown) => error);
  expect(invalid).toBeInstanceOf(EmulatorControlError);
  expect(invalid).toMatchObject({ route: "POST /_emulator/faults", status: 400 });
  expect((invalid as Error).message).toMatch(
    /^Emulator control POST \/_emulator\/faults answered 400: fault\.kind must be one of "latency", /,
  );

  await expect(control.removeFault(99)).rejects.toThrow(
    "Emulator control DELETE /_emulator/faults/99 answered 404: No fault rule 99",
  );
  await expect(
    control.upsertSecret({ scope: "repo", owner: "octo-org", repository: "nowhere", name: "X", value: "v" }),
  ).rejects.toThrow(
    'Emulator control POST /_emulator/secrets answered 422: No repository "octo-org/nowhere" in the fixture',
  );
  await expect(control.setLatency(-1)).rejects.toThrow(
    /^Emulator control POST \/_emulator\/latency answered 400: latency\.ms/,
  );
});
