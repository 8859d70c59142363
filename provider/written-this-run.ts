/**
 * The secrets this provider process wrote, by `secretKey` (the application and the ID, case-insensitive). In one
 * `pulumi up` the engine creates what a program added before it deletes what the program dropped;
 * when both are the same secret (a resource renamed without an alias, an entry moved from one
 * SecretSet to another, a RepoSecret moved into a set), the delete would remove what the create
 * has just written. A secret written in this run belongs to the resource that wrote it.
 */
export class WrittenThisRun {
  private readonly ids = new Set<string>();

  add(key: string): void {
    this.ids.add(key.toLowerCase());
  }

  has(key: string): boolean {
    return this.ids.has(key.toLowerCase());
  }
}
