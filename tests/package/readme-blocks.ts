// The TypeScript code blocks of a Markdown document, with the line each starts on, so that a failing block can be
// named by its place in the document. Blocks indented inside a list item count, their indentation removed.
export interface CodeBlock {
  /** The document's line (1-based) of the block's first line of code. */
  line: number;
  code: string;
}

export function readmeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open: { typescript: boolean; line: number; indent: string; lines: string[] } | undefined;
  markdown.split("\n").forEach((text, i) => {
    const fence = /^(\s*)```\s*(\S*)\s*$/.exec(text);
    if (!open) {
      if (fence) open = { typescript: /^(ts|typescript)$/i.test(fence[2]), line: i + 2, indent: fence[1], lines: [] };
    } else if (fence && fence[2] === "") {
      if (open.typescript) blocks.push({ line: open.line, code: open.lines.join("\n") });
      open = undefined;
    } else {
      open.lines.push(text.startsWith(open.indent) ? text.slice(open.indent.length) : text);
    }
  });
  return blocks;
}
