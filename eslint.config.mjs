// ESLint as the TypeScript world uses it: typescript-eslint's recommended rules with type information, floating
// promises an error everywhere. Rules switched off below each say why.
import eslint from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["node_modules/", "**/node_modules/", "dist/", "dist-*/", "bench/dist/", ".state/"] },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ["./tsconfig.test.json", "./bench/tsconfig.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      // Pulumi's provider interfaces take promises: an async method without an await says so, and turns a throw
      // (check()'s invalid inputs) into the rejection the engine expects rather than a synchronous exception.
      "@typescript-eslint/require-await": "off",
      // `_name` marks a binding kept for its position or to leave a field out of a rest object.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Tests (and the programs and stand-ins they run, in programs/) read JSON answers, exports and request logs
    // whose shape their assertions check; typing each value would restate the expectations. What they call stays
    // type-checked, and promises must still be awaited.
    files: ["**/*.test.ts", "tests/**/*.ts", "**/fixtures/**/*.ts", "programs/**/*.ts", "engine/toy-program.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      // Programs and fixtures read their @pulumi/pulumi's package.json and stand-in modules where they run.
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    // The few plain scripts (launchers, fixtures of providers) are CommonJS, as Node runs them.
    files: ["**/*.js", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
    rules: { "@typescript-eslint/no-require-imports": "off" },
    languageOptions: {
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
        exports: "writable",
      },
    },
  },
);
