// What is broken in a Markdown page, found by parsing it (marked's lexer): a heading left unfinished,
// an empty code block, a colon that announces nothing.
import { lexer, type Token, type Tokens } from "marked";

/** What is wrong with the page's headings and code blocks, one line each. */
export function brokenParts(markdown: string): string[] {
  const problems: string[] = [];
  const tokens = lexer(markdown).filter((token) => token.type !== "space");
  tokens.forEach((token, i) => {
    if (token.type === "heading") problems.push(...headingProblems(token as Tokens.Heading));
    if (token.type === "code" && (token as Tokens.Code).text.trim() === "") {
      problems.push(`empty code block after: ${lastLine(tokens[i - 1])}`);
    }
    if (token.type === "paragraph" && (token as Tokens.Paragraph).text.trimEnd().endsWith(":")) {
      const next = tokens[i + 1];
      if (next === undefined || next.type === "heading" || next.type === "hr") {
        problems.push(`nothing follows the colon of: ${lastLine(token)}`);
      }
    }
  });
  return problems;
}

function headingProblems(heading: Tokens.Heading): string[] {
  const text = heading.text;
  const problems: string[] = [];
  if ((text.match(/\*\*/g) ?? []).length % 2 !== 0) problems.push(`heading with ** left open: ${text}`);
  if ((text.match(/`/g) ?? []).length % 2 !== 0) problems.push(`heading with a backtick left open: ${text}`);
  if (/[,:;]$/.test(text.trim())) problems.push(`heading that ends mid-sentence: ${text}`);
  return problems;
}

function lastLine(token: Token | undefined): string {
  return (token?.raw ?? "(start of the page)").trim().split("\n").at(-1) ?? "";
}
