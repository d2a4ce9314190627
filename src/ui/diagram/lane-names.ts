/**
 * Short names for lifeline heads that have no room for their whole name (five or six lanes on a
 * phone or in a narrow embed): "client", "client-2", "client-3", "server" read "c1", "c2", "c3",
 * "s", each distinct, instead of four heads that all end "c…". The full name stays in the head's
 * title, its text for assistive technology and the tooltip its keyboard focus shows.
 */

/** A name as a base and its trailing number: "client-2" is ("client", 2), "server" ("server"). */
function split(name: string): { base: string; n: number | undefined } {
  const m = /^(.*?)[-_ ]?(\d+)$/.exec(name);
  if (m === null || m[1] === '') return { base: name, n: undefined };
  return { base: m[1] ?? name, n: Number(m[2]) };
}

/** The shortest prefix of each base (one letter at least) that no other base starts with. */
function prefixes(bases: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const base of bases) {
    let length = 1;
    while (
      length < base.length &&
      bases.some((other) => other !== base && other.startsWith(base.slice(0, length)))
    ) {
      length++;
    }
    result.set(base, base.slice(0, length));
  }
  return result;
}

/**
 * A distinct short name per lifeline: the base's shortest distinct prefix and its number, where
 * the unnumbered one of several ("client" beside "client-2") counts as 1.
 */
export function shortLaneNames(names: readonly string[]): Map<string, string> {
  const parts = names.map((name) => ({ name, ...split(name) }));
  const bases = [...new Set(parts.map((p) => p.base))];
  const numbered = new Set(parts.filter((p) => p.n !== undefined).map((p) => p.base));
  const prefix = prefixes(bases);
  const result = new Map<string, string>();
  for (const p of parts) {
    const n = p.n ?? (numbered.has(p.base) ? 1 : undefined);
    const short = `${prefix.get(p.base) ?? p.base}${n ?? ''}`;
    // A short name that says no less than the whole stays whole.
    result.set(p.name, short.length < p.name.length ? short : p.name);
  }
  // Two names that came out the same ("a-1" and "a1") keep their whole names.
  const counts = new Map<string, number>();
  for (const short of result.values()) counts.set(short, (counts.get(short) ?? 0) + 1);
  for (const [name, short] of result) if ((counts.get(short) ?? 0) > 1) result.set(name, name);
  return result;
}

/**
 * The short names the heads take when some have no room (`fits(i)` is false for those): each
 * name that does not fit gives way to its short one, and so do its siblings ("client" beside a
 * "client-2" that does not fit reads "c1", not "client"), while a name that fits and has no
 * crowded sibling stays whole ("client" and "server" beside an "a" for the attacker).
 */
export function crowdedShortNames(
  names: readonly string[],
  fits: (index: number) => boolean,
): Map<string, string> {
  const crowded = new Set(names.filter((_, i) => !fits(i)).map((name) => split(name).base));
  const short = shortLaneNames(names);
  const result = new Map<string, string>();
  for (const name of names) {
    if (crowded.has(split(name).base)) result.set(name, short.get(name) ?? name);
  }
  return result;
}
