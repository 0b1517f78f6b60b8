// How `npm run dev`'s summary shortens what it prints: elapsed time, and the first lines of a message.

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

export function firstLines(text: string, count = 3): string {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  return lines.slice(0, count).join(" ") + (lines.length > count ? " …" : "");
}
