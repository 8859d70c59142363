/** GitHub's legacy global node ids: base64 of `0<length of type>:<Type><id>`, e.g. `04:User1`. */
export function nodeId(type: "User" | "Organization" | "Repository" | "Environment", id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString("base64");
}
