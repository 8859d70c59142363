import { createPrivateKey } from "node:crypto";
import type { AppAuthSettings } from "./types";

/** The fields of `github:appAuth`, as pulumi-github names them, and the variables Terraform's GitHub provider reads for each. */
const VARIABLES = {
  id: "GITHUB_APP_ID",
  installationId: "GITHUB_APP_INSTALLATION_ID",
  pemFile: "GITHUB_APP_PEM_FILE",
} as const;
type Field = keyof typeof VARIABLES;
const FIELDS = Object.keys(VARIABLES) as Field[];

const NOTHING_SENT = "Nothing was sent to GitHub.";

/**
 * The GitHub App installation to authenticate as: `github:appAuth` (`{id, installationId, pemFile}`,
 * as pulumi-github takes it; the engine hands an object over as its JSON), any field it lacks taken
 * from the field's environment variable; without `github:appAuth`, the three variables alone.
 * Undefined when neither gives anything. Errors name the field and never show a value.
 */
export function readAppAuth(configured: unknown, env: NodeJS.ProcessEnv): AppAuthSettings | undefined {
  const inConfig = configured !== undefined && configured !== "";
  if (!inConfig && FIELDS.every((field) => !env[VARIABLES[field]])) return undefined;
  const given = inConfig ? fieldsOf(configured) : {};
  const value = (field: Field): unknown =>
    given[field] === undefined || given[field] === "" ? env[VARIABLES[field]] || undefined : given[field];
  const name = (field: Field) => (inConfig ? `github:appAuth.${field}` : VARIABLES[field]);

  const missing = FIELDS.filter((field) => value(field) === undefined);
  if (missing.length > 0) {
    const lacking = inConfig
      ? `github:appAuth has no ${missing.map((field) => `${field} (nor is ${VARIABLES[field]} set)`).join(", ")}`
      : `${FIELDS.filter((field) => !missing.includes(field))
          .map(name)
          .join(" and ")} set, but not ${missing.map(name).join(" or ")}`;
    throw new Error(`${lacking}: a GitHub App installation needs its id, installationId and pemFile. ${NOTHING_SENT}`);
  }
  return {
    appId: appId(value("id"), name("id")),
    installationId: installationId(value("installationId"), name("installationId")),
    privateKey: privateKey(value("pemFile"), name("pemFile")),
  };
}

/** The object `github:appAuth` holds, however the engine handed it over; its text is never shown, since it holds the key. */
function fieldsOf(configured: unknown): Partial<Record<Field, unknown>> {
  let value = configured;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      value = undefined;
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(
      `github:appAuth must be an object with the fields id, installationId and pemFile (set each with \`pulumi config set --path github:appAuth.FIELD\`). ${NOTHING_SENT}`,
    );
  }
  const unknown = Object.keys(value).filter((key) => !(FIELDS as string[]).includes(key));
  if (unknown.length > 0) {
    throw new Error(
      `github:appAuth has ${unknown.map((key) => JSON.stringify(key)).join(", ")}, which it does not take; its fields are id, installationId and pemFile. ${NOTHING_SENT}`,
    );
  }
  return value;
}

/** The app's id, or its client ID (`Iv1.` or `Iv23` and more), which GitHub takes as a JWT's `iss` as well. */
function appId(value: unknown, name: string): string {
  const text = String(value).trim();
  if (/^[1-9]\d*$/.test(text) || /^Iv[0-9A-Za-z.]{4,}$/.test(text)) return text;
  throw new Error(
    `${name} must be the GitHub App's id (digits, shown on the app's settings page as "App ID") or its client ID (Iv...). ${NOTHING_SENT}`,
  );
}

function installationId(value: unknown, name: string): number {
  const text = String(value).trim();
  if (/^[1-9]\d*$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  throw new Error(
    `${name} must be the installation's id: digits, the last part of the URL of the installation's settings page (…/settings/installations/ID). ${NOTHING_SENT}`,
  );
}

/**
 * The key as PKCS#8 PEM. Literal `\n` sequences are taken for line breaks, as Terraform's and
 * pulumi-github's providers do, since environment variables often cannot hold line breaks.
 */
function privateKey(value: unknown, name: string): string {
  const text = typeof value === "string" ? value.replace(/\\n/g, "\n").trim() : "";
  const advice = `give the contents of the private key file GitHub generated for the app (-----BEGIN RSA PRIVATE KEY----- ...), not its path`;
  if (!text.startsWith("-----BEGIN")) throw new Error(`${name} is not a PEM private key: ${advice}. ${NOTHING_SENT}`);
  try {
    const key = createPrivateKey(text);
    if (key.asymmetricKeyType !== "rsa") throw new Error("not RSA");
    return key.export({ type: "pkcs8", format: "pem" }).toString();
  } catch {
    throw new Error(
      `${name} is not an RSA private key in PEM form (is it cut short, or another key?): ${advice}. ${NOTHING_SENT}`,
    );
  }
}
