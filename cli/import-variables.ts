import { writeFileSync } from "node:fs";
import type { VariableSummary } from "../core/lookup-results";
import type { Scope } from "../core/scope";
import type { ProviderContext } from "../provider/context";
import { listVariables } from "../provider/lookups";
import { variablePath } from "../provider/routes";
import { listSelectedRepositories } from "../provider/selected-repositories";
import { variableId } from "../provider/variable-resource";
import { typeToken } from "../sdk/dynamic-provider";
import { identityInputs, resourceName, serializedProvider, type ImportEntry } from "./import-entries";

// `import-file --variables`: the scope's Actions variables instead of its secrets. GitHub returns a variable's
// value, so each entry carries it (inputs and outputs, as the resource's state keeps it) and the printed program
// declares it as it is: the first `pulumi up` after the import then changes nothing and sends nothing.

const KIND: Partial<Record<Scope["kind"], string>> = {
  org: "OrgVariable",
  repo: "RepoVariable",
  environment: "EnvVariable",
};

function entryFor(
  scope: Scope,
  variable: VariableSummary,
  selectedIds: number[] | undefined,
  kind: string,
  provider: string,
) {
  const access =
    scope.kind === "org"
      ? { visibility: variable.visibility, ...(selectedIds && { selectedRepositories: selectedIds }) }
      : {};
  const inputs = {
    ...identityInputs(scope, "variableName", variable.name),
    ...access,
    value: variable.value,
    onDrift: "overwrite",
    __provider: provider,
  };
  const times = { createdAt: variable.createdAt, updatedAt: variable.updatedAt, writtenAt: variable.updatedAt };
  const selection = selectedIds ? { selectedRepositoryIds: selectedIds, repositoryIdsByName: {} } : {};
  return {
    type: typeToken(kind),
    name: resourceName(variable.name),
    id: variableId(scope, variable.name),
    inputs,
    outputs: { ...inputs, ...selection, ...times },
  };
}

function programCode(kind: string, entries: ImportEntry[]): string {
  const lines = [`import { ${kind} } from "pulumi-github-secrets";`];
  for (const entry of entries) {
    const { __provider: _provider, onDrift: _onDrift, ...args } = entry.inputs;
    lines.push(
      ``,
      `new ${kind}(${JSON.stringify(entry.name)}, {`,
      ...Object.entries(args).map(([key, value]) => `  ${key}: ${JSON.stringify(value)},`),
      `});`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Lists the scope's Actions variables (values included) and writes the import file to `out`; prints what to do
 * (standard error) and the program that declares them (standard output), each value as GitHub holds it.
 */
export async function importVariables(context: ProviderContext, scope: Scope, out: string): Promise<void> {
  const kind = KIND[scope.kind];
  if (!kind || (scope.app !== undefined && scope.app !== "actions")) {
    throw new Error(
      "import-file --variables lists Actions variables: give --org ORG, or --repo OWNER/REPO (with --environment ENV), without --app or --user.",
    );
  }
  const variables = await listVariables(context, scope, "listing the variables to import");
  const provider = await serializedProvider(kind);
  const entries = await Promise.all(
    variables.map(async (variable) => {
      const selected =
        scope.kind === "org" && variable.visibility === "selected"
          ? (await listSelectedRepositories(context, variablePath(scope, variable.name))).map((r) => r.id)
          : undefined;
      return entryFor(scope, variable, selected, kind, provider);
    }),
  );
  writeFileSync(out, `${JSON.stringify({ resources: entries }, null, 2)}\n`);
  process.stderr.write(
    `Wrote ${entries.length} ${kind} entr${entries.length === 1 ? "y" : "ies"} to ${out}; import with \`pulumi import --file ${out} --generate-code=false\`, then add this to the program (each value as GitHub holds it, so the next \`pulumi up\` changes nothing; wrap a value in pulumi.secret() to keep it encrypted in the state):\n\n`,
  );
  process.stdout.write(programCode(kind, entries));
}
