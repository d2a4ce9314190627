/**
 * Behaviours the FreeBSD and Google packetdrill suites showed the engine lacked, by state,
 * each with the RFC section or the kernel function it follows.
 */
import { describe, expect, it } from 'vitest';
import { profiles, type Profile } from './profiles';
import { acceptedProbe, describeSegment } from './testing/probe';
import type { Segment, TcpOption } from './types';

const SACK_SYN: readonly TcpOption[] = [{ kind: 'mss', value: 1000 }, { kind: 'sackOK' }];
const brief = (s: Segment): string => describeSegment(s).replace(/ win \d+$/, '');
const sackOf = (s: Segment | undefined): string =>
  (s?.options ?? [])
    .flatMap((o) => (o.kind === 'sack' ? o.blocks.map(([l, r]) => `${l}:${r}`) : []))
    .join(' ');

/** A connection in FIN-WAIT-1: we closed, our FIN (seq 1) is not acknowledged yet. */
function finWait1(profile: Profile) {
  const { probe, socket } = acceptedProbe(profile);
  probe.call({ call: 'close', socket });
  expect(probe.sent().map(brief)).toEqual(['F. 1:1(0) ack 1']);
  return { probe, socket };
}

describe('FIN-WAIT-1: the challenge ACK (RFC 5961 §4.2)', () => {
  it('is <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, without the FIN FreeBSD repeats in other ACKs (tcp_respond())', () => {
    const { probe } = finWait1(profiles.freebsd);
    probe.inject({ flags: 'S', seq: 1, win: 65535 });
    expect(probe.sent().map(brief)).toEqual(['. 2:2(0) ack 1']);
  });

  it('answers a SYN outside the window too, "irrespective of the sequence number"', () => {
    const { probe } = finWait1(profiles.freebsd);
    probe.inject({ flags: 'S', seq: 1_000_000, win: 65535 });
    expect(probe.sent().map(brief)).toEqual(['. 2:2(0) ack 1']);
  });
});

describe('ESTABLISHED: a SYN in the window without RFC 5961', () => {
  it('resets with the stack’s abort, RST,ACK at SND.NXT (FreeBSD tcp_drop()), and reports ECONNRESET', () => {
    const { probe, socket } = acceptedProbe({ ...profiles.freebsd, rfc5961: false });
    probe.inject({ flags: 'S', seq: 1, win: 65535 });
    expect(probe.sent().map(describeSegment)).toEqual(['R. 1:1(0) ack 1 win 0']);
    expect(probe.outputsOf('error').map((e) => e.errno)).toEqual(['ECONNRESET']);
    expect(probe.info(socket)?.state ?? 'CLOSED').toBe('CLOSED');
  });
});

describe('CLOSING and LAST-ACK: an acceptable RST', () => {
  for (const [profile, errors] of [
    [profiles.linux, ['ECONNRESET']], // tcp_reset()
    [profiles.freebsd, ['ECONNRESET']], // tcp_input()
    [profiles.rfc, []], // RFC 9293 §3.10.7.4: "enter the CLOSED state ... and return"
  ] as const) {
    it(`leaves ${errors.length ? 'ECONNRESET' : 'no error'} for a socket still open (${profile.name})`, () => {
      const { probe, socket } = acceptedProbe(profile);
      probe.inject({ flags: 'F.', seq: 1, ack: 1, win: 65535 }); // CLOSE-WAIT
      probe.call({ call: 'shutdown', socket, how: 'write' }); // LAST-ACK
      expect(probe.info(socket)?.state).toBe('LAST-ACK');
      probe.inject({ flags: 'R', seq: 2, win: 65535 });
      expect(probe.outputsOf('error').map((e) => e.errno)).toEqual(errors);
    });
  }
});

describe('ESTABLISHED: out-of-order data with SACK (RFC 2018, RFC 2883)', () => {
  it('acknowledges held data with SACK blocks, the latest first (RFC 2018 §4)', () => {
    const { probe } = acceptedProbe(profiles.freebsd, SACK_SYN);
    probe.inject({ flags: '.', seq: 200, ack: 1, win: 65535, payload: 100 });
    expect(sackOf(probe.sent()[0])).toBe('200:300');
    probe.inject({ flags: '.', seq: 400, ack: 1, win: 65535, payload: 100 });
    expect(sackOf(probe.sent()[0])).toBe('400:500 200:300');
  });

  it('a segment that fills part of the gap is acknowledged at once (RFC 5681 §4.2)', () => {
    const { probe } = acceptedProbe(profiles.freebsd, SACK_SYN);
    probe.inject({ flags: '.', seq: 200, ack: 1, win: 65535, payload: 100 });
    probe.sent();
    probe.inject({ flags: '.', seq: 1, ack: 1, win: 65535, payload: 50 });
    const [ack] = probe.sent();
    expect(ack && brief(ack)).toBe('. 1:1(0) ack 51');
    expect(sackOf(ack)).toBe('200:300');
  });

  it('text that arrives twice is reported in a D-SACK block first (RFC 2883 §4)', () => {
    const { probe } = acceptedProbe(profiles.freebsd, SACK_SYN);
    probe.inject({ flags: '.', seq: 1, ack: 1, win: 65535, payload: 100 });
    probe.advance(1000);
    probe.sent();
    probe.inject({ flags: '.', seq: 1, ack: 1, win: 65535, payload: 100 });
    expect(sackOf(probe.sent()[0])).toBe('1:101');
  });

  it('a shorter repeat of a held segment does not lose the bytes held (SHLD-31)', () => {
    const { probe } = acceptedProbe(profiles.freebsd, SACK_SYN);
    probe.inject({ flags: '.', seq: 200, ack: 1, win: 65535, payload: 100 });
    probe.inject({ flags: '.', seq: 200, ack: 1, win: 65535, payload: 50 });
    probe.sent();
    probe.inject({ flags: '.', seq: 1, ack: 1, win: 65535, payload: 199 });
    expect(probe.sent().map(brief)).toEqual(['. 1:1(0) ack 300']);
  });
});

describe('ESTABLISHED: when FreeBSD acknowledges (tcp_input() DELAY_ACK)', () => {
  it('every second data segment at once, whatever its size; a lone one after 40 ms (delacktime)', () => {
    const { probe } = acceptedProbe(profiles.freebsd);
    probe.inject({ flags: '.', seq: 1, ack: 1, win: 65535, payload: 1 });
    expect(probe.sent()).toEqual([]);
    probe.inject({ flags: '.', seq: 2, ack: 1, win: 65535, payload: 2 });
    expect(probe.sent().map(brief)).toEqual(['. 1:1(0) ack 4']);
    probe.inject({ flags: '.', seq: 4, ack: 1, win: 65535, payload: 4 });
    probe.advance(39);
    expect(probe.sent()).toEqual([]);
    probe.advance(1);
    expect(probe.sent().map(brief)).toEqual(['. 1:1(0) ack 8']);
  });
});
