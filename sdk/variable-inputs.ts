import * as pulumi from "@pulumi/pulumi";
import type { DriftPolicy } from "../core/drift-policy";

/** The value of an Actions variable, and what to do when it drifts: the same for every scope. */
export interface VariableValueArgs {
  /**
   * The value, at most 48 KB. Variables are plaintext on GitHub (anyone who can read them sees the value), and the
   * state keeps it; given as a Pulumi secret (`pulumi.secret(...)`), it stays a secret, encrypted, in the state.
   */
  value: pulumi.Input<string>;
  /**
   * When a refresh found the variable changed outside Pulumi: `overwrite` (the default) writes the program's
   * value (and visibility) again, `ignore` leaves GitHub's, `fail` stops the update with what changed.
   */
  onDrift?: pulumi.Input<DriftPolicy>;
}

/** The value inputs as the provider expects them; inputs the program left out stay out (see `valueInputs`). */
export function variableInputs(args: VariableValueArgs, importId: pulumi.Input<string> | undefined): pulumi.Inputs {
  const given = { value: args.value, onDrift: args.onDrift, importId };
  return {
    ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
    createdAt: undefined,
    updatedAt: undefined,
    writtenAt: undefined,
    drift: undefined,
  };
}

/** The outputs every Actions variable has, whatever its scope. */
export abstract class Variable extends pulumi.dynamic.Resource {
  /** The variable's name as given (GitHub stores it upper-cased). */
  declare public readonly variableName: pulumi.Output<string>;
  /** The value as Pulumi last wrote it; a secret if the program gave it as one. */
  declare public readonly value: pulumi.Output<string>;
  /** When GitHub created the variable (ISO 8601). */
  declare public readonly createdAt: pulumi.Output<string | undefined>;
  /** GitHub's `updated_at` as last seen (by a write or a refresh). */
  declare public readonly updatedAt: pulumi.Output<string>;
  /** When Pulumi last wrote the variable, by GitHub's clock. */
  declare public readonly writtenAt: pulumi.Output<string>;
  /** Set by a refresh that found the variable changed outside Pulumi: what changed (never the value), and when. */
  declare public readonly drift: pulumi.Output<string | undefined>;
}
