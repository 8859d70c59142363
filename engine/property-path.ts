// `config set --path`'s key, read as the CLI reads it (resource.ParsePropertyPath): names joined by dots, list
// indexes in brackets (`repos[0]`), and names that hold dots or brackets quoted in brackets (`a["b.c"]`).
export type PathSegment = string | number;

export function parsePropertyPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`invalid property path "${path}": ${why}`);
  };
  while (i < path.length) {
    if (path[i] === "[") {
      const close = path.indexOf("]", i);
      if (close < 0) fail("missing closing bracket");
      const inside = path.slice(i + 1, close);
      if (/^\d+$/.test(inside)) segments.push(Number(inside));
      else if (/^"[^"]*"$/.test(inside)) segments.push(inside.slice(1, -1));
      else fail(`"[${inside}]" is neither an index nor a quoted name`);
      i = close + 1;
      if (path[i] === ".") i++;
      continue;
    }
    const end = path.slice(i).search(/[.[]/);
    const name = end < 0 ? path.slice(i) : path.slice(i, i + end);
    if (name === "") fail("empty name");
    segments.push(name);
    i += name.length;
    if (path[i] === ".") {
      i++;
      if (i === path.length) fail("ends with a dot");
    }
  }
  if (segments.length === 0 || typeof segments[0] !== "string") fail("it must start with a name");
  return segments;
}

/** `value` put at `path` inside `current` (made as needed): a list for an index, an object for a name. */
export function setAtPath(current: unknown, [head, ...rest]: PathSegment[], value: unknown): unknown {
  if (head === undefined) return value;
  if (typeof head === "number") {
    const list = Array.isArray(current) ? [...(current as unknown[])] : [];
    // As the CLI: an index may replace an item or append one, not leave a gap.
    if (head > list.length) throw new Error(`array index ${head} out of range: the list has ${list.length} items`);
    list[head] = setAtPath(list[head], rest, value);
    return list;
  }
  const object =
    typeof current === "object" && current !== null && !Array.isArray(current)
      ? (current as Record<string, unknown>)
      : {};
  return { ...object, [head]: setAtPath(object[head], rest, value) };
}
