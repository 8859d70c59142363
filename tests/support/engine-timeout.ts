/**
 * A program test's time limit. Through the real CLI (PULUMI_GITHUB_SECRETS_ENGINE=cli) every `up` runs the program
 * twice (the preview it shows first, then the update) and each command starts its plugins afresh, so the same steps
 * take two to three times the harness's time: the limit is three times as long there.
 */
export function engineTimeout(ms: number): number {
  return process.env.PULUMI_GITHUB_SECRETS_ENGINE === "cli" ? 3 * ms : ms;
}
