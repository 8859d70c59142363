export { type Emulator, type EmulatorOptions, startEmulator } from "./start-emulator";
export {
  type Fixture,
  type FixtureOrg,
  type FixtureRepo,
  type FixtureToken,
  type SecretScope,
  type SecretSeed,
  type TokenAccess,
  type Visibility,
  defaultFixture,
  loadFixture,
} from "./fixture";
export type { SecretRecord } from "./store";
export type { RequestRecord } from "./emulator-state";
export type { FaultKind, FaultMethod, FaultRule, FaultRuleInput, FaultStatus } from "./faults";
export type { LimitSettings, LimitsStatus } from "./secondary-limits";
