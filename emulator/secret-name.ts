/** GitHub's rule: `[A-Za-z0-9_]`, not starting with a digit, not starting with `GITHUB_` in any case. */
export function isValidSecretName(name: string): boolean {
  return /^(?!github_)[a-z_][a-z0-9_]*$/i.test(name);
}
