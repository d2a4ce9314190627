/**
 * Suite areas of the conformance scripts, and the table of pass rates by area. An area is
 * where a script comes from and what it exercises: FreeBSD's tcp-testsuite by folder (its
 * state-event-engine split by IP version), Google's packetdrill by folder under gtests/net,
 * the 25 shared scripts, and this project's own.
 */
import type { Verdict } from './conformance-expectations';

const FREEBSD_AREAS: Readonly<Record<string, string>> = {
  'state-event-engine': 'FreeBSD state-event-engine',
  snippets: 'FreeBSD snippets',
  'snd-syn': 'FreeBSD snd-syn',
  'socket-api': 'FreeBSD socket-api',
  'rcv-data-segments': 'FreeBSD rcv-data-segments',
  'fast-open': 'FreeBSD fast-open client',
};

const SHARED_PREFIXES = ['google-packetdrill__', 'linux-selftests__', 'freebsd-tcp-testsuite__'];

/** The area of a script, from its path (any separator). */
export function areaOf(path: string): string {
  const parts = path.split(/[\\/]+/);
  const name = parts[parts.length - 1] ?? path;
  const folders = parts.slice(0, -1);
  const freebsd = folders.lastIndexOf('freebsd');
  const area = freebsd >= 0 ? FREEBSD_AREAS[folders[freebsd + 1] ?? ''] : undefined;
  if (area !== undefined) {
    if (folders[freebsd + 1] !== 'state-event-engine') return area;
    return `${area} ${/-ipv6\.pkt$/.test(name) ? 'IPv6' : 'IPv4'}`;
  }
  const gtests = folders.lastIndexOf('gtests');
  if (gtests >= 0 && folders[gtests + 1] === 'net' && folders.length > gtests + 2) {
    return `Google ${folders.slice(gtests + 2).join('/')}`;
  }
  if (SHARED_PREFIXES.some((p) => name.startsWith(p))) return 'shared scripts';
  const parent = folders[folders.length - 1];
  return parent === 'conformance' || parent === undefined ? 'project scripts' : parent;
}

export interface AreaTally {
  readonly area: string;
  passed: number;
  failed: number;
  skipped: number;
}

export function totalOf(t: Omit<AreaTally, 'area'>): number {
  return t.passed + t.failed + t.skipped;
}

/** Pass rate in percent, rounded down to one decimal, so a rate never claims more than it has. */
export function rateOf(t: Omit<AreaTally, 'area'>): number {
  const total = totalOf(t);
  return total === 0 ? 0 : Math.floor((1000 * t.passed) / total) / 10;
}

/** Tallies verdicts by area, in the order areas first appear. */
export class AreaTable {
  private readonly rows = new Map<string, AreaTally>();

  add(path: string, verdict: Verdict): void {
    const area = areaOf(path);
    const row = this.rows.get(area) ?? { area, passed: 0, failed: 0, skipped: 0 };
    this.rows.set(area, row);
    if (verdict === 'pass') row.passed++;
    else if (verdict === 'fail') row.failed++;
    else row.skipped++;
  }

  get tallies(): readonly AreaTally[] {
    return [...this.rows.values()];
  }

  get overall(): AreaTally {
    const all: AreaTally = { area: 'overall', passed: 0, failed: 0, skipped: 0 };
    for (const r of this.rows.values()) {
      all.passed += r.passed;
      all.failed += r.failed;
      all.skipped += r.skipped;
    }
    return all;
  }
}

/** The table as text: one row per area and one for all, with an optional last column. */
export function formatAreaTable(
  tallies: readonly AreaTally[],
  overall: AreaTally,
  remark: (t: AreaTally) => string = () => '',
): string[] {
  const rows = [...tallies, overall];
  const width = Math.max(...rows.map((r) => r.area.length), 'area'.length);
  const num = (n: number | string, w: number): string => String(n).padStart(w);
  const line = (r: AreaTally): string =>
    `${r.area.padEnd(width)}  ${num(r.passed, 6)}  ${num(r.failed, 6)}  ${num(r.skipped, 7)}  ${num(totalOf(r), 5)}  ${num(rateOf(r).toFixed(1), 6)} %  ${remark(r)}`.trimEnd();
  const head = `${'area'.padEnd(width)}  passed  failed  skipped  total    rate`;
  return [head, ...tallies.map(line), '-'.repeat(head.length), line(overall)];
}
