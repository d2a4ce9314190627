/**
 * The peer's MSS option as the stacks bound it since CVE-2019-11479 ("SACK Panic" and its
 * small-MSS companion): an MSS of 0 counts as no option (Linux tcp_parse_options() skips a
 * zero value, FreeBSD tcp_mss_update() reads offer 0 as "no MSS on the SYN"), and a smaller
 * one is raised to the profile's minimum send MSS (Linux net.ipv4.tcp_min_snd_mss = 48 in
 * __tcp_mtu_to_mss(), FreeBSD net.inet.tcp.minmss = 216 in tcp_mss_update()). The window
 * we advertise stays a finite integer whatever the option said.
 */
import { describe, expect, it } from 'vitest';
import { profiles, type Profile } from './profiles';
import { acceptedProbe, Probe } from './testing/probe';

function segmentSizes(profile: Profile, mss: number, bytes: number): number[] {
  const { probe, socket } = acceptedProbe(profile, [{ kind: 'mss', value: mss }]);
  probe.call({ call: 'send', socket, data: new Uint8Array(bytes) });
  return probe.sent().map((s) => s.payload.length);
}

describe('SYN-RECEIVED (passive open): the MSS of the peer’s SYN', () => {
  it('an MSS of 1 is raised to 48 by Linux (tcp_min_snd_mss)', () => {
    expect(segmentSizes(profiles.linux, 1, 100)).toEqual([48, 48, 4]);
  });

  it('an MSS of 1 is raised to 216 by FreeBSD (tcp_minmss)', () => {
    expect(segmentSizes(profiles.freebsd, 1, 500)).toEqual([216, 216, 68]);
  });

  it('an MSS of 1 is raised to 28 by the rfc profile (a 68-octet datagram, RFC 791, less 40)', () => {
    expect(segmentSizes(profiles.rfc, 1, 60)).toEqual([28, 28, 4]);
  });

  it('an MSS of 0 counts as no option: the default send MSS of 536 (RFC 9293 MUST-15)', () => {
    expect(segmentSizes(profiles.linux, 0, 600)).toEqual([536, 64]);
    expect(segmentSizes(profiles.freebsd, 0, 600)).toEqual([536, 64]);
  });

  it('a larger MSS is kept as the peer gave it', () => {
    expect(segmentSizes(profiles.freebsd, 300, 400)).toEqual([300, 100]);
  });

  it('a FreeBSD listener answers a SYN with MSS 0 with a finite window (its buffer rounds to 536)', () => {
    const probe = new Probe(profiles.freebsd);
    probe.call({ call: 'listen', port: 8080 });
    probe.inject({ flags: 'S', seq: 0, win: 65535, options: [{ kind: 'mss', value: 0 }] });
    const [synAck] = probe.sent();
    expect(synAck?.window).toBe(65535);
    probe.inject({ flags: '.', seq: 1, ack: 1, win: 65535 });
    probe.inject({ flags: '.', seq: 1, ack: 1, win: 65535, payload: 10 });
    probe.inject({ flags: '.', seq: 11, ack: 1, win: 65535, payload: 10 });
    const [ack] = probe.sent();
    // 65536 rounded up to a multiple of 536 is 65928, less 20 unread, scaled by nothing.
    expect(ack?.window).toBe(65535);
    expect(Number.isInteger(ack?.window)).toBe(true);
  });
});

describe('SYN-SENT (active open): the MSS of the peer’s SYN,ACK', () => {
  it('is bounded the same way: MSS 1 from a Linux profile’s peer gives 48-byte segments', () => {
    const probe = new Probe(profiles.linux);
    const socket = probe.connect();
    probe.inject({ flags: 'S.', seq: 0, ack: 1, win: 65535, options: [{ kind: 'mss', value: 1 }] });
    probe.sent();
    probe.call({ call: 'send', socket, data: new Uint8Array(50) });
    expect(probe.sent().map((s) => s.payload.length)).toEqual([48, 2]);
  });
});
