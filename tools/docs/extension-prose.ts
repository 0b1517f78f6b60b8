// Prose about a spec's own `x-` extensions, which the API reference leaves out: it explains the spec to
// its maintainers (how the mock maps bad requests, which operations provider runs send), not the API
// to the people who call it.

const EXTENSION = /`x-[\w-]+/;

/**
 * `text` without each paragraph that opens by naming an `x-` extension in code (`` `x-…` ``), each
 * other sentence that names one, and the paragraphs that leaves empty. A sentence ends at `.`, `!` or `?` before white space; code blocks
 * are kept whole.
 */
export function withoutExtensionProse(text: string): string {
  if (!EXTENSION.test(text)) return text;
  const paragraphs = text.split(/\n\s*\n/);
  const kept = paragraphs
    .map((paragraph) =>
      paragraph.trimStart().startsWith("```") ? paragraph : withoutExtensionSentences(paragraph),
    )
    .filter((paragraph) => paragraph.trim() !== "");
  return `${kept.join("\n\n")}${text.endsWith("\n") ? "\n" : ""}`;
}

/** A paragraph that opens by naming an extension is about it, and goes whole; else its sentences that name one. */
function withoutExtensionSentences(paragraph: string): string {
  const sentences = paragraph.split(/(?<=[.!?])\s+/);
  if (EXTENSION.test(sentences[0] ?? "")) return "";
  return sentences.filter((sentence) => !EXTENSION.test(sentence)).join(" ");
}
