/**
 * What a secret that changed outside Pulumi (found by `pulumi refresh`) makes the next update do: `overwrite`
 * writes the program's value again, `ignore` leaves GitHub's, `fail` stops with what changed.
 */
export type DriftPolicy = "overwrite" | "ignore" | "fail";

/** Every drift policy, as checks list them. */
export const DRIFT_POLICIES: readonly DriftPolicy[] = ["overwrite", "ignore", "fail"];
