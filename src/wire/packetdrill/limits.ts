/**
 * The bounds a packetdrill script must keep, declared once: the parser, the runner, the app's
 * script dialog and the conformance command all read them here, and docs/limits.md lists them.
 * Real scripts sit far inside every bound (the largest of the Linux, FreeBSD and Google suites
 * is under 7 KB, nests three deep and writes 150,000 bytes at most); the bounds are there so a
 * hostile or broken file is refused with one message before it costs minutes or memory.
 */
export const SCRIPT_LIMITS = {
  /** Bytes of script text (UTF-8), checked before the text is parsed. */
  maxScriptBytes: 256 * 1024,
  /** How deep `[`, `{` and `(` may nest in a system call's arguments. */
  maxNesting: 32,
  /** The byte count of one write, send, sendto, read or recv. */
  maxIoBytes: 16 * 1024 * 1024,
  /** The largest event time a script may name, in seconds (one day of virtual time). */
  maxTimeSeconds: 86_400,
} as const;

/** "256 KB": sizes in messages, in the units people read. */
export function formatKilobytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;
}

/** The UTF-8 length of `text`, counted without encoding it. Stops early past `limit`. */
export function utf8Length(text: string, limit = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // A surrogate pair is one code point of four bytes.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
