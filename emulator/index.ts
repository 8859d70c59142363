/**
 * An in-process stand-in for GitHub's secrets APIs (Actions, Dependabot, Codespaces) and its Actions variables API, for testing programs offline: it decrypts what it
 * receives, serves GitHub's status codes and bodies, and injects faults, limits and latency on request.
 *
 * @module pulumi-github-secrets/emulator
 */
export { type Emulator, type EmulatorOptions, startEmulator } from "./start-emulator";
export {
  type Fixture,
  type FixtureApp,
  type FixtureInstallation,
  type FixtureOrg,
  type FixtureRepo,
  type FixtureToken,
  type SecretApp,
  type SecretScope,
  type SecretSeed,
  type TokenAccess,
  type VariableScope,
  type VariableSeed,
  type Visibility,
  DEFAULT_USER_LOGIN,
  defaultFixture,
  loadFixture,
} from "./fixture";
export type { SecretRecord, VariableRecord } from "./store";
export type { InstallationTokenRecord } from "./app-installations";
export type { RequestRecord } from "./emulator-state";
export type { FaultKind, FaultMethod, FaultRule, FaultRuleInput, FaultStatus } from "./faults";
export type { LimitSettings, LimitsStatus } from "./secondary-limits";
export { type EmulatorControl, EmulatorControlError, emulatorControl } from "./control-client";
