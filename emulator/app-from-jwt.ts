import { verify } from "node:crypto";
import type { AppInstallations, EmulatedApp } from "./app-installations";

// GitHub's answers (401) to a JWT it will not take; @octokit/auth-app recognizes the clock ones
// and retries with the skew it reads from the answer's Date header.
const UNDECODABLE = "A JSON web token could not be decoded";
const NOT_ISSUED_YET =
  "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
const EXPIRED =
  "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
const TOO_LONG = "'Expiration time' claim ('exp') is too far in the future";

/** GitHub takes a JWT for at most ten minutes. */
const MAX_LIFETIME_SECONDS = 600;
/** How far ahead of the emulator's clock an `iat` may be. */
const CLOCK_LEEWAY_SECONDS = 60;

/**
 * The GitHub App a request's `Authorization: Bearer JWT` authenticates, as GitHub checks it: an
 * RS256 signature by the key of the app that `iss` names, an `iat` not in the future and an
 * `exp` in the future, at most ten minutes after `iat` and from now. Otherwise GitHub's message.
 */
export function appFromJwt(
  apps: AppInstallations,
  authorization: string,
  now = Math.floor(Date.now() / 1000),
): { app: EmulatedApp } | { refused: string } {
  const parts = /^bearer\s+(\S+)\s*$/i.exec(authorization)?.[1].split(".");
  if (parts?.length !== 3) return { refused: UNDECODABLE };
  const [header, payload] = parts.slice(0, 2).map(decodeSegment);
  if (header?.alg !== "RS256" || !payload) return { refused: UNDECODABLE };
  const app = apps.byIssuer(payload.iss);
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  if (!app || !verify("sha256", signed, app.publicKey, Buffer.from(parts[2], "base64url")))
    return { refused: UNDECODABLE };
  const { iat, exp } = payload;
  if (!Number.isInteger(iat) || (iat as number) > now + CLOCK_LEEWAY_SECONDS) return { refused: NOT_ISSUED_YET };
  if (typeof exp !== "number" || !Number.isFinite(exp) || exp <= now) return { refused: EXPIRED };
  if (exp - (iat as number) > MAX_LIFETIME_SECONDS || exp > now + MAX_LIFETIME_SECONDS) return { refused: TOO_LONG };
  return { app };
}

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
