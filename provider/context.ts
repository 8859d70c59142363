import { createClient } from "./client";
import { PublicKeyCache } from "./public-key-cache";
import { RepositoryIds } from "./repository-ids";
import { SelectionOwners } from "./selection-owners";
import { ValueVault } from "./value-vault";
import type { ProviderContext, ProviderSettings } from "./types";

export function createContext(settings: ProviderSettings): ProviderContext {
  const client = createClient(settings);
  return {
    client,
    publicKeys: new PublicKeyCache(client),
    repositoryIds: new RepositoryIds(client),
    selectionOwners: new SelectionOwners(),
    values: new ValueVault(),
  };
}
