/**
 * External truth (DESIGN.md, "Tests"): Wireshark's tshark reads every capture the presets
 * produce. No frame may be malformed or carry a bad IPv4 or TCP checksum (over IPv6, whose
 * header has no checksum, the TCP one covers the RFC 8200 §8.1 pseudo-header), and every expert
 * warning must be one the run explains (a reset, a gap left by a lost segment). On the link,
 * tshark's retransmission analysis must mark exactly the segments the trace marks.
 *
 * Malformed frames: tshark reports a dissector exception as an expert item of severity
 * Error, so "no unexplained item of severity warning or above" covers `_ws.malformed` too.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presets, runScenario } from '../sim';
import type { SendEvent, Trace } from '../sim/trace';
import { type CapturedSegment, type CapturePoint, capturedSegments } from './capture';
import { writePcap } from './pcap';
import { handshakeTrace } from './testing/traces';
import {
  analyse,
  inParallel,
  SEVERITY_WARNING,
  TSHARK,
  type TsharkFrame,
  tsharkInstalled,
} from './testing/tshark';

interface Case {
  readonly name: string;
  readonly trace: Trace;
  readonly point: CapturePoint;
  readonly captured: readonly CapturedSegment[];
  readonly bytes: Uint8Array;
}

const POINTS: readonly CapturePoint[] = ['link', 'client', 'server'];

/**
 * Every preset on the link; at an endpoint when its capture is not the link's frames in the
 * link's order (loss, duplication, crossing segments), since only then can tshark see
 * something different.
 */
function presetCases(): Case[] {
  const cases: Case[] = [];
  for (const preset of presets) {
    const { trace } = runScenario(preset.scenario);
    const order = (c: readonly CapturedSegment[]): string => c.map((s) => s.send.id).join(',');
    let linkOrder = '';
    for (const point of POINTS) {
      const captured = capturedSegments(trace, { captureAt: point });
      if (point === 'link') linkOrder = order(captured);
      else if (order(captured) === linkOrder) continue;
      const bytes = writePcap(trace, { captureAt: point });
      cases.push({ name: `${preset.name} at ${point}`, trace, point, captured, bytes });
    }
  }
  return cases;
}

const OUT_OF_ORDER = 'This frame is a (suspected) out-of-order segment';

/** Whether the run itself accounts for an expert warning tshark gives a frame. */
function explains(message: string, frame: CapturedSegment, kase: Case): boolean {
  if (message === 'Connection reset (RST)') return frame.send.flags.includes('RST');
  // RFC 2883: a SACK block below the acknowledgment number reports bytes received twice (the
  // old-duplicate preset's new request, which an old copy had already filled).
  if (message === 'D-SACK Sequence') return reportsDuplicate(frame.send);
  if (message === OUT_OF_ORDER) {
    // At the receiver, the resend of a lost segment arrives after the segments sent behind it
    // (a fast retransmit, RFC 5681 §3.2): it fills a hole, which tshark calls out of order.
    // On the link, where every frame is stamped as it is sent, a fast retransmission follows
    // the third duplicate ACK by a one-way delay, not within tshark's 20 ms for a "fast
    // retransmission", and new data sent in recovery went just before it, so tshark names
    // the same resend out of order by its timing.
    if (kase.point === 'link') return frame.send.retransmit > 0;
    return frame.send.retransmit > 0 && lostBefore(kase.trace, frame);
  }
  if (message.startsWith('Previous segment(s) not captured')) {
    // At an endpoint, a lost segment leaves a gap in the sequence space; on the link every
    // sent segment is captured, so a gap there would be a real bug.
    return kase.point !== 'link' && lostBefore(kase.trace, frame);
  }
  return false;
}

function reportsDuplicate(s: SendEvent): boolean {
  return s.options.some(
    (o) => o.kind === 'sack' && o.blocks.some(([start]) => ((s.ack - start) | 0) > 0),
  );
}

function lostBefore(trace: Trace, frame: CapturedSegment): boolean {
  const sender = new Map<number, string>();
  for (const e of trace) if (e.type === 'send') sender.set(e.id, e.from);
  return trace.some(
    (e) => e.type === 'drop' && e.t <= frame.t && sender.get(e.id) === frame.send.from,
  );
}

/**
 * What tshark should call a retransmission: the trace's retransmissions, link copies, and —
 * tshark heuristics, not errors — a simultaneous-open SYN-ACK, which repeats the ISN of its
 * sender's own SYN (RFC 9293 §3.5, Figure 8), and a segment of a new incarnation of the same
 * 4-tuple that repeats the sequence numbers of the old one (textbook ISNs: old-duplicate),
 * since tshark does not tell incarnations apart by anything but the numbers.
 */
function expectedRetransmissions(captured: readonly CapturedSegment[]): number[] {
  const seen = new Set<string>();
  const key = (s: SendEvent): string =>
    `${s.src}>${s.dst}@${s.seq}${s.flags.includes('SYN') ? 'S' : ''}+${s.len}`;
  return captured.flatMap((c, i) => {
    const occupies = c.send.flags.includes('SYN') || c.send.len > 0;
    const repeats = occupies && seen.has(key(c.send));
    if (occupies && c.seen !== 'copied') seen.add(key(c.send));
    return c.send.retransmit > 0 || c.seen === 'copied' || repeats ? [i + 1] : [];
  });
}

const installed = tsharkInstalled();

describe.runIf(!installed && process.env.CI)('tshark in CI', () => {
  it('is installed', () => {
    throw new Error(
      `${TSHARK} not found: CI checks every capture with Wireshark's tshark (apt-get install tshark)`,
    );
  });
});

describe.skipIf(!installed)(
  `tshark reads every preset's capture${installed ? '' : ` (skipped: ${TSHARK} not installed)`}`,
  () => {
    const cases = installed ? presetCases() : [];
    const dir = mkdtempSync(join(tmpdir(), 'handshake-lab-pcap-'));
    const results = new Map<string, TsharkFrame[]>();
    let corrupted: TsharkFrame[] = [];

    // Some sixty tshark processes, each loading every dissector: seconds apiece when the machine's
    // two cores are busy, hence a generous bound on this one step.
    beforeAll(async () => {
      const files = cases.map((c, i) => {
        const file = join(dir, `${i}.pcap`);
        writeFileSync(file, c.bytes);
        return file;
      });
      // A capture with one flipped bit must be caught, or the checks below prove nothing.
      const bad = writePcap(handshakeTrace(), { captureAt: 'link' });
      bad[24 + 16 + 14 + 20 + 15] = (bad[24 + 16 + 14 + 20 + 15] ?? 0) ^ 1;
      writeFileSync(join(dir, 'corrupted.pcap'), bad);
      const all = await inParallel([...files, join(dir, 'corrupted.pcap')], 3, analyse);
      cases.forEach((c, i) => results.set(c.name, all[i] ?? []));
      corrupted = all.at(-1) ?? [];
    }, 300_000);

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('catches a flipped bit through the TCP checksum', () => {
      expect(corrupted[0]?.tcpChecksum).toBe('0');
      expect(corrupted.slice(1).every((f) => f.tcpChecksum === '1')).toBe(true);
    });

    it.each(cases.map((c) => [c.name, c] as const))(
      '%s: well formed, checksums good',
      (_, kase) => {
        const frames = results.get(kase.name) ?? [];
        expect(frames).toHaveLength(kase.captured.length);
        // An IPv6 header has no checksum for tshark to judge (RFC 8200 §3).
        const ipChecksum = (f: TsharkFrame) =>
          kase.captured[f.number - 1]?.send.src.startsWith('[') ? '' : '1';
        const badChecksums = frames.filter(
          (f) => f.tcpChecksum !== '1' || f.ipChecksum !== ipChecksum(f),
        );
        expect(badChecksums.map((f) => f.number)).toEqual([]);
        const unexplained = frames.flatMap((f) =>
          f.expert
            .filter((x) => x.severity >= SEVERITY_WARNING)
            .filter((x) => {
              const segment = kase.captured[f.number - 1];
              return !segment || !explains(x.message, segment, kase);
            })
            .map(
              (x) =>
                `frame ${f.number} (segment #${kase.captured[f.number - 1]?.send.id}): ${x.message}`,
            ),
        );
        expect(unexplained).toEqual([]);
      },
    );

    it.each(cases.filter((c) => c.point === 'link').map((c) => [c.name, c] as const))(
      '%s: tshark marks exactly the trace’s retransmissions',
      (_, kase) => {
        const frames = results.get(kase.name) ?? [];
        // tshark names a segment that goes back in the sequence space a retransmission or,
        // when it follows the sender's newest segment closely, out of order: both say the
        // numbers were sent before.
        const marked = frames
          .filter((f) => f.retransmission || f.expert.some((x) => x.message === OUT_OF_ORDER))
          .map((f) => f.number);
        expect(marked).toEqual(expectedRetransmissions(kase.captured));
      },
    );
  },
);
