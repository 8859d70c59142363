import { createClient } from "./client";
import { PublicKeyCache } from "./public-key-cache";
import { ValueVault } from "./value-vault";
import type { ProviderContext, ProviderSettings } from "./types";

export function createContext(settings: ProviderSettings): ProviderContext {
  const client = createClient(settings);
  return { client, publicKeys: new PublicKeyCache(client), values: new ValueVault() };
}
