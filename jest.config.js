// Octokit's current majors (and the small packages they import) ship only as ES modules.
// Jest's module loader cannot require() ES modules, so ts-jest transpiles them to CommonJS.
const esmOnly = [
  "@octokit",
  "universal-user-agent",
  "before-after-hook",
  "fast-content-type-parse",
  "json-with-bigint",
  "content-type",
  "universal-github-app-jwt",
  "toad-cache",
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: [
    "<rootDir>/core",
    "<rootDir>/provider",
    "<rootDir>/sdk",
    "<rootDir>/emulator",
    "<rootDir>/cli",
    "<rootDir>/engine",
    "<rootDir>/demo",
    "<rootDir>/tests",
  ],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.[tj]s$": ["ts-jest", { tsconfig: "tsconfig.test.json" }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join("|")})/)`],
  // At least two workers, where jest would take one on a two-core machine (CPUs less one): the program suites spend
  // much of their time waiting on engine processes and the emulator's answers. On CI's two cores the whole suite took
  // 766 s with two against 1,143 s with one.
  maxWorkers: Math.max(2, require("node:os").availableParallelism() - 1),
  // The real CLI (PULUMI_GITHUB_SECRETS_ENGINE=cli) runs each program twice per `up`: see tests/support/engine-timeout.ts.
  testTimeout: process.env.PULUMI_GITHUB_SECRETS_ENGINE === "cli" ? 90000 : 30000,
};
