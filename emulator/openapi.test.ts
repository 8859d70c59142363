import { readFileSync } from "node:fs";
import Ajv from "ajv";
import sodium from "libsodium-wrappers";
import { type Emulator, startEmulator } from "./index";

const METHODS = ["get", "put", "post", "patch", "delete"];

/**
 * The operations this test covers, by path template and method, as GitHub's description names them:
 * every Actions secrets endpoint, and the reads the emulator answers for the scopes they live in; then
 * the sibling APIs: every Dependabot and Codespaces secrets endpoint and every Actions variables endpoint.
 */
const COVERED: Record<string, string[]> = {
  "/orgs/{org}/actions/secrets": ["get"],
  "/orgs/{org}/actions/secrets/public-key": ["get"],
  "/orgs/{org}/actions/secrets/{secret_name}": ["get", "put", "delete"],
  "/orgs/{org}/actions/secrets/{secret_name}/repositories": ["get", "put"],
  "/orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}": ["put", "delete"],
  "/repos/{owner}/{repo}/actions/organization-secrets": ["get"],
  "/repos/{owner}/{repo}/actions/secrets": ["get"],
  "/repos/{owner}/{repo}/actions/secrets/public-key": ["get"],
  "/repos/{owner}/{repo}/actions/secrets/{secret_name}": ["get", "put", "delete"],
  "/repos/{owner}/{repo}/environments/{environment_name}/secrets": ["get"],
  "/repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key": ["get"],
  "/repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}": ["get", "put", "delete"],
  "/orgs/{org}": ["get"],
  "/repos/{owner}/{repo}": ["get"],
  "/repos/{owner}/{repo}/environments/{environment_name}": ["get"],
  ...orgSecretOperations("dependabot"),
  "/repos/{owner}/{repo}/dependabot/secrets": ["get"],
  "/repos/{owner}/{repo}/dependabot/secrets/public-key": ["get"],
  "/repos/{owner}/{repo}/dependabot/secrets/{secret_name}": ["get", "put", "delete"],
  ...orgSecretOperations("codespaces"),
  "/repos/{owner}/{repo}/codespaces/secrets": ["get"],
  "/repos/{owner}/{repo}/codespaces/secrets/public-key": ["get"],
  "/repos/{owner}/{repo}/codespaces/secrets/{secret_name}": ["get", "put", "delete"],
  "/user/codespaces/secrets": ["get"],
  "/user/codespaces/secrets/public-key": ["get"],
  "/user/codespaces/secrets/{secret_name}": ["get", "put", "delete"],
  "/user/codespaces/secrets/{secret_name}/repositories": ["get", "put"],
  "/user/codespaces/secrets/{secret_name}/repositories/{repository_id}": ["put", "delete"],
  "/orgs/{org}/actions/variables": ["get", "post"],
  "/orgs/{org}/actions/variables/{name}": ["get", "patch", "delete"],
  "/orgs/{org}/actions/variables/{name}/repositories": ["get", "put"],
  "/orgs/{org}/actions/variables/{name}/repositories/{repository_id}": ["put", "delete"],
  "/repos/{owner}/{repo}/actions/organization-variables": ["get"],
  "/repos/{owner}/{repo}/actions/variables": ["get", "post"],
  "/repos/{owner}/{repo}/actions/variables/{name}": ["get", "patch", "delete"],
  "/repos/{owner}/{repo}/environments/{environment_name}/variables": ["get", "post"],
  "/repos/{owner}/{repo}/environments/{environment_name}/variables/{name}": ["get", "patch", "delete"],
};

/** The nine organization-secret operations of Dependabot or Codespaces, laid out as Actions' are. */
function orgSecretOperations(app: string): Record<string, string[]> {
  return {
    [`/orgs/{org}/${app}/secrets`]: ["get"],
    [`/orgs/{org}/${app}/secrets/public-key`]: ["get"],
    [`/orgs/{org}/${app}/secrets/{secret_name}`]: ["get", "put", "delete"],
    [`/orgs/{org}/${app}/secrets/{secret_name}/repositories`]: ["get", "put"],
    [`/orgs/{org}/${app}/secrets/{secret_name}/repositories/{repository_id}`]: ["put", "delete"],
  };
}

type Json = Record<string, any>;

/**
 * GitHub's OpenAPI description (github/rest-api-description, MIT) as the `@octokit/openapi` devDependency ships it,
 * cut down to the operations in COVERED and the components they reach through `$ref`, so that the result is a
 * self-contained OpenAPI document. The full description is about 13 MB of JSON: it is read once, here, per test file,
 * and nothing of it but the selection is kept.
 */
function githubDescription(): Json {
  const full: Json = JSON.parse(
    readFileSync(require.resolve("@octokit/openapi/generated/api.github.com.json"), "utf8"),
  );
  const paths: Json = {};
  for (const [template, methods] of Object.entries(COVERED)) {
    for (const method of methods) {
      const operation = full.paths[template]?.[method];
      if (!operation)
        throw new Error(`@octokit/openapi ${full.info.version} has no ${method.toUpperCase()} ${template}`);
      (paths[template] ??= {})[method] = operation;
    }
  }

  const components: Json = {};
  const reach = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    if (Array.isArray(node)) return node.forEach(reach);
    const ref = (node as Json).$ref;
    if (typeof ref === "string") {
      const [root, kind, name] = ref
        .split("/")
        .slice(1)
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
      if (!ref.startsWith("#/") || root !== "components" || full.components[kind]?.[name] === undefined)
        throw new Error(`Unresolvable $ref ${ref}`);
      if (components[kind]?.[name] === undefined) {
        (components[kind] ??= {})[name] = full.components[kind][name];
        reach(full.components[kind][name]);
      }
    }
    Object.values(node).forEach(reach);
  };
  reach(paths);

  // Undo Octokit's one override in this selection. For PUT /orgs/{org}/actions/secrets/{secret_name} the package ships
  // an older copy of the operation in place of GitHub's, whose request body marks only `visibility` required and lets
  // `selected_repository_ids` hold strings; GitHub's own description requires `encrypted_value` and `key_id` as well
  // (GitHub answers 422 without them) and takes integer ids. Put GitHub's body schema back, down to its doc links;
  // the operation's prose (description, externalDocs) stays the package's: no validation reads it.
  const orgSecretBody =
    paths["/orgs/{org}/actions/secrets/{secret_name}"].put.requestBody.content["application/json"].schema;
  const { encrypted_value, key_id, visibility, selected_repository_ids } = orgSecretBody.properties;
  if (!encrypted_value || !key_id || !visibility || !selected_repository_ids)
    throw new Error("The org-secret PUT body schema changed shape");
  orgSecretBody.required = ["encrypted_value", "key_id", "visibility"];
  selected_repository_ids.items = { type: "integer" };
  for (const property of [encrypted_value, selected_repository_ids]) {
    property.description = property.description.replaceAll(
      "docs.github.com/rest/reference/actions#",
      "docs.github.com/rest/actions/secrets#",
    );
  }

  return { openapi: full.openapi, info: full.info, paths, components };
}

const spec = githubDescription();

interface Operation {
  method: string;
  template: string;
  operationId: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

const operations: Operation[] = Object.entries(spec.paths as Record<string, Record<string, Operation>>).flatMap(
  ([template, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        template,
        operationId: op.operationId,
        responses: op.responses,
      })),
);

/** OpenAPI 3.0's `nullable` is not JSON Schema: turn it into a union with null. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== "object" || node === null) return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, toJsonSchema(value)]));
  if (nullable !== true) return converted;
  if (typeof converted.type === "string") {
    return {
      ...converted,
      type: [converted.type, "null"],
      ...(Array.isArray(converted.enum) && { enum: [...converted.enum, null] }),
    };
  }
  return { anyOf: [converted, { type: "null" }] };
}

const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/);
ajv.addFormat("uri", { validate: (value: string) => URL.canParse(value) });
ajv.addFormat("int64", { type: "number", validate: (value: number) => Number.isSafeInteger(value) });
// The whole document, so that `#/components/...` references resolve; it is not itself a JSON Schema, so it is not validated as one.
ajv.addSchema(toJsonSchema(spec) as object, "openapi", undefined, false);

function pointer(...segments: string[]): string {
  return segments.map((s) => encodeURIComponent(s.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");
}

/** The operation a request path belongs to; literal segments beat parameters (`public-key` over `{secret_name}`). */
function operationFor(method: string, requestPath: string): Operation | undefined {
  const segments = requestPath.split("?")[0].split("/");
  const candidates = operations.filter((op) => {
    const parts = op.template.split("/");
    return (
      op.method === method &&
      parts.length === segments.length &&
      parts.every((part, i) => part.startsWith("{") || part === segments[i])
    );
  });
  const literals = (op: Operation) => op.template.split("/").filter((part) => !part.startsWith("{")).length;
  return candidates.sort((a, b) => literals(b) - literals(a))[0];
}

let emulator: Emulator;
const exercised = new Map<string, Set<number>>();

beforeAll(async () => {
  await sodium.ready;
  emulator = await startEmulator();
});

afterAll(() => emulator.close());

/**
 * Calls the emulator and checks the answer against the operation's response in the spec:
 * the status must be documented, a documented body must validate, an undocumented 2xx body must be empty.
 */

async function call(
  method: string,
  requestPath: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<any> {
  const operation = operationFor(method, requestPath);
  if (!operation) throw new Error(`No operation in the spec for ${method} ${requestPath}`);
  const response = await fetch(emulator.url + requestPath, {
    method,
    headers: { authorization: "Bearer emulator-token", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const described = operation.responses[String(response.status)];
  expect([operation.operationId, response.status, described !== undefined]).toEqual([
    operation.operationId,
    response.status,
    true,
  ]);
  const schema = described.content?.["application/json"] as { schema?: unknown } | undefined;
  if (schema?.schema) {
    const ref = `openapi#/${pointer("paths", operation.template, operation.method.toLowerCase(), "responses", String(response.status), "content", "application/json", "schema")}`;
    const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
    const json = JSON.parse(text);
    if (!validate(json))
      throw new Error(
        `${operation.operationId} ${response.status}: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 500)}`,
      );
  } else if (response.status < 300) {
    expect([operation.operationId, text]).toEqual([operation.operationId, ""]);
  }
  if (response.status < 300)
    exercised.set(operation.operationId, (exercised.get(operation.operationId) ?? new Set()).add(response.status));
  return text === "" ? undefined : JSON.parse(text);
}

async function sealedFor(scope: string, value: string): Promise<{ encrypted_value: string; key_id: string }> {
  const { key, key_id } = await call("GET", `${scope}/secrets/public-key`);
  const ORIGINAL = sodium.base64_variants.ORIGINAL;
  return {
    encrypted_value: sodium.to_base64(sodium.crypto_box_seal(value, sodium.from_base64(key, ORIGINAL)), ORIGINAL),
    key_id,
  };
}

test("every Actions-secrets operation's answers validate against GitHub's OpenAPI description", async () => {
  const org = "/orgs/octo-org/actions";
  const repo = "/repos/octo-org/hello-world/actions";
  const env = "/repos/octo-org/hello-world/environments/prod%2Feu%20west";

  for (const visibility of ["selected", "selected", "all"]) {
    await call("PUT", `${org}/secrets/ORG_SECRET`, {
      ...(await sealedFor(org, "o")),
      visibility,
      selected_repository_ids: visibility === "selected" ? [1296269] : [],
    });
  }
  await call("PUT", `${org}/secrets/PICKED`, {
    ...(await sealedFor(org, "p")),
    visibility: "selected",
    selected_repository_ids: [1296269],
  });
  for (const scope of [repo, env, repo, env])
    await call("PUT", `${scope}/secrets/SCOPED_SECRET`, await sealedFor(scope, "s"));

  await call("GET", `${org}/secrets`);
  await call("GET", `${org}/secrets?per_page=1`);
  await call("GET", `${org}/secrets/ORG_SECRET`);
  await call("GET", `${org}/secrets/PICKED`);
  await call("PUT", `${org}/secrets/PICKED/repositories`, { selected_repository_ids: [1296269, 1300192] });
  await call("DELETE", `${org}/secrets/PICKED/repositories/1300192`);
  await call("PUT", `${org}/secrets/PICKED/repositories/1300192`);
  await call("PUT", `${org}/secrets/ORG_SECRET/repositories/1300192`);
  await call("DELETE", `${org}/secrets/ORG_SECRET/repositories/1300192`);
  await call("GET", `${org}/secrets/PICKED/repositories`);
  await call("GET", `${org}/secrets/PICKED/repositories`, undefined, { "x-github-api-version": "2026-03-10" });
  await call("GET", "/repos/octo-org/hello-world/actions/organization-secrets");
  await call("GET", `${repo}/secrets`);
  await call("GET", `${repo}/secrets/SCOPED_SECRET`);
  await call("GET", `${env}/secrets`);
  await call("GET", `${env}/secrets/SCOPED_SECRET`);
  await call("GET", "/orgs/octo-org");
  await call("GET", "/repos/octo-org/hello-world");
  await call("GET", "/repos/octo-org/spoon-knife", undefined, { "x-github-api-version": "2026-03-10" });
  await call("GET", "/repos/octo-org/nope");
  await call("GET", env);
  await call("GET", "/repos/octo-org/hello-world/environments/production");
  for (const scope of [org, repo, env])
    await call("DELETE", `${scope}/secrets/${scope === org ? "ORG_SECRET" : "SCOPED_SECRET"}`);

  for (const id of [
    "actions/create-or-update-org-secret",
    "actions/create-or-update-repo-secret",
    "actions/create-or-update-environment-secret",
  ]) {
    expect([id, [...exercised.get(id)!].sort()]).toEqual([id, [201, 204]]);
  }
});

test("the Dependabot and Codespaces secrets endpoints answer as GitHub describes them", async () => {
  for (const app of ["dependabot", "codespaces"]) {
    const org = `/orgs/octo-org/${app}`;
    const repo = `/repos/octo-org/hello-world/${app}`;
    for (const visibility of ["selected", "selected", "all"]) {
      await call("PUT", `${org}/secrets/ORG_SECRET`, {
        ...(await sealedFor(org, "o")),
        visibility,
        selected_repository_ids: visibility === "selected" ? [1296269] : [],
      });
    }
    await call("PUT", `${org}/secrets/PICKED`, {
      ...(await sealedFor(org, "p")),
      visibility: "selected",
      // Dependabot's description takes the ids as strings too.
      selected_repository_ids: app === "dependabot" ? ["1296269"] : [1296269],
    });
    for (let i = 0; i < 2; i++) await call("PUT", `${repo}/secrets/SCOPED_SECRET`, await sealedFor(repo, "s"));

    await call("GET", `${org}/secrets`);
    await call("GET", `${org}/secrets?per_page=1`);
    await call("GET", `${org}/secrets/ORG_SECRET`);
    await call("GET", `${org}/secrets/PICKED`);
    await call("PUT", `${org}/secrets/PICKED/repositories`, { selected_repository_ids: [1296269, 1300192] });
    await call("DELETE", `${org}/secrets/PICKED/repositories/1300192`);
    await call("PUT", `${org}/secrets/PICKED/repositories/1300192`);
    await call("PUT", `${org}/secrets/ORG_SECRET/repositories/1300192`);
    await call("DELETE", `${org}/secrets/ORG_SECRET/repositories/1300192`);
    await call("GET", `${org}/secrets/PICKED/repositories`);
    await call("GET", `${repo}/secrets`);
    await call("GET", `${repo}/secrets/SCOPED_SECRET`);
    await call("DELETE", `${org}/secrets/ORG_SECRET`);
    await call("DELETE", `${repo}/secrets/SCOPED_SECRET`);
  }

  const user = "/user/codespaces";
  for (let i = 0; i < 2; i++)
    await call("PUT", `${user}/secrets/USER_SECRET`, {
      ...(await sealedFor(user, "u")),
      selected_repository_ids: [1296269, "1300192"],
    });
  await call("GET", `${user}/secrets`);
  await call("GET", `${user}/secrets?per_page=1`);
  await call("GET", `${user}/secrets/USER_SECRET`);
  await call("GET", `${user}/secrets/USER_SECRET/repositories`);
  await call("PUT", `${user}/secrets/USER_SECRET/repositories`, { selected_repository_ids: [1296269] });
  await call("PUT", `${user}/secrets/USER_SECRET/repositories/1300192`);
  await call("DELETE", `${user}/secrets/USER_SECRET/repositories/1296269`);
  await call("GET", `${user}/secrets/NOPE/repositories`);
  await call("DELETE", `${user}/secrets/USER_SECRET`);

  for (const id of [
    "dependabot/create-or-update-org-secret",
    "dependabot/create-or-update-repo-secret",
    "codespaces/create-or-update-org-secret",
    "codespaces/create-or-update-repo-secret",
    "codespaces/create-or-update-secret-for-authenticated-user",
  ]) {
    expect([id, [...exercised.get(id)!].sort()]).toEqual([id, [201, 204]]);
  }
});

test("the Actions variables endpoints answer as GitHub describes them", async () => {
  const org = "/orgs/octo-org/actions/variables";
  const repo = "/repos/octo-org/hello-world/actions/variables";
  const env = "/repos/octo-org/hello-world/environments/prod%2Feu%20west/variables";

  await call("POST", org, { name: "ORG_VAR", value: "o", visibility: "selected", selected_repository_ids: [1296269] });
  await call("POST", org, { name: "all_var", value: "a", visibility: "all" });
  await call("GET", org);
  await call("GET", `${org}?per_page=1`);
  await call("GET", `${org}/ORG_VAR`);
  await call("GET", `${org}/ALL_VAR`);
  await call("PATCH", `${org}/ORG_VAR`, { value: "o2" });
  await call("PATCH", `${org}/ALL_VAR`, { visibility: "private" });
  await call("GET", `${org}/ORG_VAR/repositories`);
  await call("GET", `${org}/ALL_VAR/repositories`);
  await call("PUT", `${org}/ORG_VAR/repositories`, { selected_repository_ids: [1296269, 1300192] });
  await call("DELETE", `${org}/ORG_VAR/repositories/1300192`);
  await call("PUT", `${org}/ORG_VAR/repositories/1300192`);
  await call("PUT", `${org}/ALL_VAR/repositories/1300192`);
  await call("DELETE", `${org}/ALL_VAR/repositories/1300192`);
  await call("PUT", `${org}/ALL_VAR/repositories`, { selected_repository_ids: [] });
  await call("GET", "/repos/octo-org/hello-world/actions/organization-variables");
  await call("GET", "/repos/octo-org/hello-world/actions/organization-variables?per_page=1");

  for (const scope of [repo, env]) {
    await call("POST", scope, { name: "SCOPED_VAR", value: "s" });
    await call("POST", scope, { name: "OTHER", value: "x" });
    await call("GET", scope);
    await call("GET", `${scope}?per_page=1&page=2`);
    await call("GET", `${scope}/scoped_var`);
    await call("PATCH", `${scope}/SCOPED_VAR`, { name: "RENAMED", value: "s2" });
    await call("GET", `${scope}/RENAMED`);
    await call("DELETE", `${scope}/RENAMED`);
    await call("DELETE", `${scope}/OTHER`);
  }
  await call("DELETE", `${org}/ORG_VAR`);
  await call("DELETE", `${org}/ALL_VAR`);
});

test("every operation in COVERED is exercised with a 2xx answer", () => {
  const unexercised = operations.map((op) => op.operationId).filter((id) => !exercised.has(id));
  expect(unexercised).toEqual([]);
  // The 22 of the Actions-secrets description, GET /orgs/{org}, and the 57 of the sibling APIs' description.
  expect(operations).toHaveLength(22 + 1 + 57);
});
