import { type KeyObject, createPublicKey, randomBytes } from "node:crypto";
import type { FixtureApp, TokenAccess } from "./fixture-types";
import { isoSeconds } from "./timestamp";

/** GitHub's installation tokens last an hour. */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export interface EmulatedApp {
  id: number;
  clientId?: string;
  publicKey: KeyObject;
  /** Installation id → what its tokens may do. */
  installations: Map<number, TokenAccess>;
  tokenLifetimeSeconds: number;
}

/** One installation token the emulator issued, as `GET /_emulator/installation-tokens` lists it. */
export interface InstallationTokenRecord {
  /** `ghs_` and 36 letters and digits, as GitHub's. */
  token: string;
  /** The app it was issued to. */
  app_id: number;
  /** The installation it acts for. */
  installation_id: number;
  /** The installation's access, which the token has. */
  access: TokenAccess;
  /** When the API stops taking it (whole seconds, as GitHub shows it). */
  expires_at: string;
}

/**
 * The fixture's GitHub Apps, their installations, and the installation tokens issued for them.
 * An issued token is accepted by the API like a fixture token until it expires.
 */
export class AppInstallations {
  private readonly apps: EmulatedApp[];
  /** Token → its record and the exact end of its life (`expires_at` shows whole seconds). */
  private readonly issued = new Map<string, { record: InstallationTokenRecord; expiresAtMs: number }>();

  constructor(apps: FixtureApp[] = []) {
    this.apps = apps.map((app) => ({
      id: app.id,
      clientId: app.clientId,
      publicKey: createPublicKey(app.publicKey),
      installations: new Map(
        app.installations.map((installation) => [installation.id, installation.access ?? "write"]),
      ),
      tokenLifetimeSeconds: app.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
    }));
  }

  /** The app a JWT's `iss` names: its id (a number or its digits) or its client ID, as GitHub accepts either. */
  byIssuer(iss: unknown): EmulatedApp | undefined {
    if (typeof iss !== "string" && typeof iss !== "number") return undefined;
    return this.apps.find(
      (app) => String(app.id) === String(iss) || (app.clientId !== undefined && app.clientId === iss),
    );
  }

  /** A new token for one of `app`'s installations; undefined when the app has no such installation. */
  issue(app: EmulatedApp, installationId: number): InstallationTokenRecord | undefined {
    const access = app.installations.get(installationId);
    if (access === undefined) return undefined;
    const expiresAtMs = Date.now() + app.tokenLifetimeSeconds * 1000;
    const record: InstallationTokenRecord = {
      token: `ghs_${[...randomBytes(36)].map((byte) => BASE62[byte % 62]).join("")}`,
      app_id: app.id,
      installation_id: installationId,
      access,
      expires_at: isoSeconds(new Date(expiresAtMs)),
    };
    this.issued.set(record.token, { record, expiresAtMs });
    return record;
  }

  /** What an issued token may do; undefined for a token never issued or expired. */
  access(token: string): TokenAccess | undefined {
    const issued = this.issued.get(token);
    return issued && Date.now() < issued.expiresAtMs ? issued.record.access : undefined;
  }

  records(): InstallationTokenRecord[] {
    return [...this.issued.values()].map(({ record }) => record);
  }
}
