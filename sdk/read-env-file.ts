import { readFileSync } from "node:fs";
import { parse } from "dotenv";
import type { InputProblem } from "../core/input-problems";

/** One `NAME=value` of a .env file; `where` names the file and the line the entry starts on. */
export interface EnvFileEntry {
  name: string;
  value: string;
  where: string;
}

const QUOTES = ['"', "'", "`"];

// dotenv reads a quoted value on to the line that closes its quote, and reads a quote that no line
// closes as a literal character. So a segment leaves a quote open exactly when a line holding
// only that quote, put after it, would change the value dotenv reads.
function openQuote(segment: string, name: string): string | undefined {
  const value = parse(segment)[name];
  return QUOTES.find((quote) => parse(`${segment}\n${quote}`)[name] !== value);
}

/**
 * The entries of a .env file as dotenv reads them (quotes, `export`, comments, multi-line quoted
 * values), each with the line it starts on; and a problem for each line dotenv would skip or
 * misread, which dotenv itself does silently. Problems name lines, never their text: a line can
 * hold a value.
 */
export function readEnvFile(path: string): { entries: EnvFileEntry[]; problems: InputProblem[] } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = `cannot be read (${(error as Error).message}); give the path of a .env file, relative to the directory the program runs in.`;
    return { entries: [], problems: [{ field: "envFile", reason }] };
  }
  const lines = text.split(/\r\n?|\n/);
  const entries: EnvFileEntry[] = [];
  const problems: InputProblem[] = [];
  const at = (index: number) => `${path} line ${index + 1}`;
  let start = 0;
  while (start < lines.length) {
    const first = lines[start].trim();
    if (first === "" || first.startsWith("#")) {
      start += 1;
      continue;
    }
    const [name] = Object.keys(parse(lines[start]));
    if (name === undefined) {
      problems.push({
        field: at(start),
        reason:
          "is not NAME=value; give a name (letters, digits and _), = and the value, or make it a comment starting with #.",
      });
      start += 1;
      continue;
    }
    const quote = openQuote(lines[start], name);
    let end = start;
    // Only a line holding the quote can close it, so only those lines are tried.
    if (quote)
      do end += 1;
      while (
        end < lines.length &&
        (!lines[end].includes(quote) || openQuote(lines.slice(start, end + 1).join("\n"), name))
      );
    const segment = lines.slice(start, end + 1).join("\n");
    // No line closes the quote, or the value stopped growing without one: dotenv then reads the
    // opening quote as a literal character and the lines after it as whatever they look like.
    if (quote && (end === lines.length || parse(segment)[name] === parse(lines[start])[name])) {
      problems.push({
        field: at(start),
        reason: `${name} opens a value with ${quote} that no later line closes; end the value with ${quote} at the end of a line.`,
      });
      start += 1;
      continue;
    }
    entries.push({ name, value: parse(segment)[name], where: at(start) });
    start = end + 1;
  }
  return { entries, problems };
}
