/**
 * How many lines a text takes when it wraps at spaces in a box `perLine` characters wide (the
 * event log's details are monospace, so characters measure the box), and a word longer than
 * a line breaks inside it (CSS overflow-wrap: anywhere). The phone layout gives every row the
 * height of the longest, so the log stays a fixed-height, virtualized table yet cuts nothing.
 */
export function wrappedLines(text: string, perLine: number): number {
  const width = Math.max(1, Math.floor(perLine));
  let lines = 1;
  let used = 0;
  for (const word of text.split(' ')) {
    const needed = used === 0 ? word.length : used + 1 + word.length;
    if (needed <= width) {
      used = needed;
      continue;
    }
    if (used > 0) lines += 1;
    // A word wider than the line fills whole lines and leaves its rest on the last.
    const extra = Math.max(0, Math.ceil(word.length / width) - 1);
    lines += extra;
    used = word.length - extra * width;
  }
  return lines;
}

/** The most lines any of `texts` takes at `perLine` characters. */
export function mostWrappedLines(texts: Iterable<string>, perLine: number): number {
  let most = 1;
  for (const text of texts) most = Math.max(most, wrappedLines(text, perLine));
  return most;
}
