/** What a secret that changed outside Pulumi (found by `pulumi refresh`) makes the next update do. */
export const DRIFT_POLICIES = ["overwrite", "ignore", "fail"] as const;

/** `overwrite` writes the program's value again, `ignore` leaves GitHub's, `fail` stops with what changed. */
export type DriftPolicy = (typeof DRIFT_POLICIES)[number];
