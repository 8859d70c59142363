import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { contextFor } from "../provider/context";
import type { SecretSummary } from "../core/lookup-results";
import { listSecrets, listSelected } from "../provider/lookups";
import { appOf, SECRET_APPS, secretId, type SecretApp, type Scope } from "../core/scope";
import { IMPORTED_FINGERPRINT } from "../core/secret-value";
import { readSettings } from "../provider/settings";
import { typeToken } from "../sdk/dynamic-provider";
import { identityInputs, resourceName, serializedProvider, type ImportEntry } from "./import-entries";
import { secretKind } from "../sdk/secret-kinds";

function appFrom(value: string | undefined): SecretApp {
  if (value === undefined) return "actions";
  if (!(SECRET_APPS as readonly string[]).includes(value))
    throw new Error(`import-file --app is "${value}"; give ${SECRET_APPS.join(", ")}.`);
  return value as SecretApp;
}

function scopeFrom(values: { org?: string; repo?: string; environment?: string; user?: boolean; app?: string }): Scope {
  const app = appFrom(values.app);
  const scope = ((): Scope | undefined => {
    if (values.user) return values.org || values.repo || values.environment ? undefined : { kind: "user", app };
    if (values.org && !values.repo && !values.environment) return { kind: "org", org: values.org, app };
    const match = values.repo && !values.org ? /^([^/]+)\/([^/]+)$/.exec(values.repo) : null;
    if (!match) return undefined;
    const [, owner, repository] = match;
    return values.environment
      ? { kind: "environment", owner, repository, environment: values.environment, app }
      : { kind: "repo", owner, repository, app };
  })();
  if (!scope)
    throw new Error(
      "import-file needs --org ORG, or --repo OWNER/REPO (with --environment ENV for an environment's secrets), or --user for your own Codespaces secrets; and --app dependabot or codespaces for those applications' secrets.",
    );
  if (!secretKind(scope))
    throw new Error(
      `import-file: GitHub has no ${appOf(scope)} secrets for ${scope.kind === "user" ? "a user" : `an ${scope.kind === "environment" ? "environment" : scope.kind}`}.`,
    );
  return scope;
}

async function entryFor(
  scope: Scope,
  secret: SecretSummary,
  selectedIds: number[] | undefined,
  providerText: string,
): Promise<ImportEntry> {
  const settings =
    scope.kind === "org"
      ? { visibility: secret.visibility, ...(selectedIds && { selectedRepositories: selectedIds }) }
      : scope.kind === "user"
        ? { selectedRepositories: selectedIds ?? [] }
        : {};
  const inputs = {
    ...identityInputs(scope, "secretName", secret.name),
    ...settings,
    valueFingerprint: IMPORTED_FINGERPRINT,
    onDrift: "overwrite",
    __provider: providerText,
  };
  const times = { createdAt: secret.createdAt, updatedAt: secret.updatedAt, writtenAt: secret.updatedAt };
  const selection = selectedIds ? { selectedRepositoryIds: selectedIds, repositoryIdsByName: {} } : {};
  return {
    type: typeToken(secretKind(scope)!),
    name: resourceName(secret.name),
    id: secretId(scope, secret.name),
    inputs,
    outputs: { ...inputs, ...selection, ...times },
  };
}

// The printed program reads values the way the README and the quickstart advise, with the
// quickstart's own helper: `config.requireSecret` would put them in the stack config, which the
// engine stores, whole, in the state as the dynamic provider's inputs.
const FROM_ENVIRONMENT = [
  `// Values come from the environment, as a pipeline hands its secrets to \`pulumi up\` (a value kept in`,
  `// the stack config would also be kept, encrypted, in the state).`,
  `function fromEnvironment(name: string): pulumi.Output<string> {`,
  `  const value = process.env[name];`,
  "  if (!value) throw new Error(`Set the environment variable ${name} to the value of the ${name} secret.`);",
  `  return pulumi.secret(value);`,
  `}`,
];

/** Each secret's value is read from the environment variable named after the secret, as the README's examples do. */
function valueVariable(entry: ImportEntry): string {
  return String(entry.inputs.secretName);
}

function programCode(scope: Scope, entries: ImportEntry[]): string {
  const kind = secretKind(scope)!;
  const lines = [
    `import * as pulumi from "@pulumi/pulumi";`,
    `import { ${kind} } from "pulumi-github-secrets";`,
    ``,
    ...FROM_ENVIRONMENT,
  ];
  for (const entry of entries) {
    const { __provider: _provider, onDrift: _onDrift, valueFingerprint: _fingerprint, ...args } = entry.inputs;
    const fields = Object.entries(args).map(([key, value]) => `  ${key}: ${JSON.stringify(value)},`);
    lines.push(
      ``,
      `new ${kind}(${JSON.stringify(entry.name)}, {`,
      ...fields,
      `  plaintextValue: fromEnvironment(${JSON.stringify(valueVariable(entry))}),`,
      `});`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** `A`, `A and B`, `A, B and C`. */
function listed(names: string[]): string {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * What to do with the file and the printed program, down to the variables the program will read. The import needs
 * `--generate-code=false`: this command prints the program itself, and the CLI's own code generation needs a
 * provider schema, which a dynamic provider does not have (it fails the command after the import has landed).
 */
function nextSteps(kind: string, entries: ImportEntry[], out: string): string {
  const wrote = `Wrote ${entries.length} ${kind} entr${entries.length === 1 ? "y" : "ies"} to ${out}; import with \`pulumi import --file ${out} --generate-code=false\`, then add this to the program`;
  if (entries.length === 0) return `${wrote}:\n\n`;
  // GitHub never returns values, so the first `pulumi up` after the import writes the program's.
  const variables = entries.map(valueVariable);
  return `${wrote}, and run \`pulumi up\` with the environment variable${variables.length === 1 ? "" : "s"} ${listed(variables)} set to the secret${variables.length === 1 ? "'s value" : "s' values"}:\n\n`;
}

/**
 * `import-file --org ORG | --repo OWNER/REPO [--environment ENV] | --user [--app dependabot|codespaces] --out FILE`:
 * lists a scope's secrets (Actions', or another application's) and writes a file for `pulumi import --file FILE`. Its entries carry inputs and outputs
 * with the serialized provider, so the engine takes them as they are instead of calling Read
 * (which cannot reach a dynamic provider). Values are never imported: GitHub does not return
 * them, so the first `pulumi up` after the import writes the program's values once.
 */
export async function runImportFile(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: "string" },
      repo: { type: "string" },
      environment: { type: "string" },
      user: { type: "boolean" },
      app: { type: "string" },
      out: { type: "string" },
      variables: { type: "boolean" },
    },
  });
  const scope = scopeFrom(values);
  if (!values.out) throw new Error("import-file needs --out FILE, where the import file is written.");
  const settings = readSettings();
  if (!settings.token && !settings.appAuth) {
    throw new Error(
      "import-file reads the token from GITHUB_TOKEN, or a GitHub App installation from GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and GITHUB_APP_PEM_FILE (and the API URL from GITHUB_API_URL); set them.",
    );
  }
  const context = contextFor(settings);
  // --variables: the scope's Actions variables instead of its secrets.
  if (values.variables) return (await import("./import-variables")).importVariables(context, scope, values.out);
  const secrets = await listSecrets(context, scope, "listing the secrets to import");
  const kind = secretKind(scope)!;
  const providerText = await serializedProvider(kind);
  const entries = await Promise.all(
    secrets.map(async (secret) => {
      const selected =
        (scope.kind === "org" && secret.visibility === "selected") || scope.kind === "user"
          ? (await listSelected(context, scope, secret.name)).map((r) => r.id)
          : undefined;
      return entryFor(scope, secret, selected, providerText);
    }),
  );
  writeFileSync(values.out, `${JSON.stringify({ resources: entries }, null, 2)}\n`);
  process.stderr.write(nextSteps(kind, entries, values.out));
  process.stdout.write(programCode(scope, entries));
}
