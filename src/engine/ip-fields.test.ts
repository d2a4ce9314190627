import { describe, expect, it } from 'vitest';
import type { Output } from './api';
import { profiles } from './profiles';
import { Flag } from './types';
import { acceptedProbe, connectedProbe, describeSegment, Probe } from './testing/probe';
import type { IpFields } from './ip-fields';
import type { SocketId } from './types';

/** Each packet sent since `from` in the log, with the IP fields it carries (undefined: default). */
function sentIp(p: Probe, from = 0): [string, IpFields | undefined][] {
  return p.log
    .slice(from)
    .filter((o): o is Extract<Output, { type: 'packet' }> => o.type === 'packet')
    .map((o) => [describeSegment(o.packet.segment), o.packet.ip]);
}

describe('CLOSED (a port bound, not listening)', () => {
  it("answers a SYN with a RST that carries the bound socket's IP_TTL (FreeBSD tcp_respond())", () => {
    const p = new Probe(profiles.freebsd);
    p.call({ call: 'bind', port: 8080, ip: { ttl: 4 } });
    p.inject({ flags: 'S', seq: 0 });
    expect(sentIp(p)).toEqual([['R. 0:0(0) ack 1 win 0', { ttl: 4, tos: 0 }]]);
  });

  it('answers with the default header once the socket is gone (unbind)', () => {
    const p = new Probe(profiles.freebsd);
    p.call({ call: 'bind', port: 8080, ip: { tos: 0x20 } });
    p.call({ call: 'unbind', port: 8080 });
    p.inject({ flags: 'S', seq: 0 });
    expect(sentIp(p)).toEqual([['R. 0:0(0) ack 1 win 0', undefined]]);
  });
});

describe('LISTEN', () => {
  it("gives the listener's IP options to its SYN-ACK and to the connection it accepts (FreeBSD syncache_add())", () => {
    const p = new Probe(profiles.freebsd);
    const listener = p.call({ call: 'listen', port: 8080, options: { ip: { tos: 0x20 } } })
      .socket as SocketId;
    p.inject({ flags: 'S', seq: 0 });
    p.inject({ flags: '.', seq: 1, ack: 1 });
    const socket = p.call({ call: 'accept', socket: listener }).socket as SocketId;
    const mark = p.log.length;
    p.call({ call: 'send', socket, data: new Uint8Array(10) });
    expect(sentIp(p)[0]).toEqual(['S. 0:0(0) ack 1 win 65535', { ttl: 64, tos: 0x20 }]);
    expect(sentIp(p, mark)).toEqual([['P. 1:11(10) ack 1 win 65535', { ttl: 64, tos: 0x20 }]]);
  });

  it("answers an ACK with a RST carrying the listener's IP fields", () => {
    const p = new Probe(profiles.freebsd);
    p.call({ call: 'listen', port: 8080, options: { ip: { ttl: 9 } } });
    p.inject({ flags: '.', seq: 17, ack: 34 });
    expect(sentIp(p)).toEqual([['R 34:34(0) win 0', { ttl: 9, tos: 0 }]]);
  });

  it('answers a SYN,ACK with <SEQ=SEG.ACK><CTL=RST> under the RFC (RFC 9293 §3.10.7.2 second)', () => {
    const p = new Probe(profiles.rfc);
    p.call({ call: 'listen', port: 8080 });
    p.inject({ flags: 'S.', seq: 17, ack: 34 });
    expect(p.sent().map(describeSegment)).toEqual(['R 34:34(0) win 0']);
  });

  it('drops a SYN,ACK without a RST as FreeBSD does (tcp-testsuite rcv-syn-ack-listen)', () => {
    const p = new Probe(profiles.freebsd);
    p.call({ call: 'listen', port: 8080 });
    p.inject({ flags: 'S.', seq: 17, ack: 34, payload: 3 });
    expect(p.sent()).toEqual([]);
    p.inject({ flags: '.', seq: 17, ack: 34 });
    expect(p.sent().map(describeSegment)).toEqual(['R 34:34(0) win 0']);
  });
});

describe('ESTABLISHED', () => {
  it('sends with the default header (no IP fields said) when no option is set', () => {
    const { probe, socket } = connectedProbe(profiles.linux);
    const mark = probe.log.length;
    probe.call({ call: 'send', socket, data: new Uint8Array(5) });
    expect(sentIp(probe, mark).map(([, ip]) => ip)).toEqual([undefined]);
  });

  it('carries a TTL set after the handshake on the next segments, its FIN included', () => {
    const { probe, socket } = acceptedProbe(profiles.freebsd);
    expect(probe.call({ call: 'setIpOptions', socket, ip: { ttl: 6 } }).result).toBe('ok');
    const mark = probe.log.length;
    probe.call({ call: 'close', socket });
    expect(sentIp(probe, mark)).toEqual([['F. 1:1(0) ack 1 win 65535', { ttl: 6, tos: 0 }]]);
  });

  it('keeps the TOS when only the TTL changes', () => {
    const { probe, socket } = connectedProbe(profiles.linux);
    probe.call({ call: 'setIpOptions', socket, ip: { tos: 0xe0 } });
    probe.call({ call: 'setIpOptions', socket, ip: { ttl: 3 } });
    const mark = probe.log.length;
    probe.call({ call: 'send', socket, data: new Uint8Array(5) });
    expect(sentIp(probe, mark).map(([, ip]) => ip)).toEqual([{ ttl: 3, tos: 0xe0 }]);
  });
});

describe('ECN data (RFC 3168 §6.1.2)', () => {
  /** An active open asking for ECN (profile ecn 1), answered by the SYN,ACK given. */
  function ecnConnection(ece: boolean) {
    const p = new Probe({ ...profiles.freebsd, ecn: 1 });
    const socket = p.connect();
    const options = [{ kind: 'mss' as const, value: 1000 }];
    p.inject({ flags: 'S.', extraFlags: ece ? Flag.ECE : 0, seq: 0, ack: 1, options });
    return { p, socket };
  }

  it('marks new data ECT(0), but not the SYN nor a pure ACK, once an ECN-setup SYN,ACK agreed', () => {
    const { p, socket } = ecnConnection(true);
    const mark = p.log.length;
    p.call({ call: 'send', socket, data: new Uint8Array(10) });
    expect(sentIp(p).map(([, ip]) => ip?.tos ?? 0)).toEqual([0, 0, 0x02]);
    expect(sentIp(p, mark)[0]?.[1]).toEqual({ ttl: 64, tos: 0x02 });
  });

  it('leaves a retransmission unmarked (RFC 3168 §6.1.5)', () => {
    const { p, socket } = ecnConnection(true);
    p.call({ call: 'send', socket, data: new Uint8Array(10) });
    const mark = p.log.length;
    p.advance(5000);
    const resent = sentIp(p, mark).filter(([text]) => text.startsWith('P.'));
    expect(resent.length).toBeGreaterThan(0);
    expect(resent.map(([, ip]) => ip)).toEqual(resent.map(() => undefined));
  });

  it('sends no ECT when the SYN,ACK did not agree (no ECE)', () => {
    const { p, socket } = ecnConnection(false);
    const mark = p.log.length;
    p.call({ call: 'send', socket, data: new Uint8Array(10) });
    expect(sentIp(p, mark).map(([, ip]) => ip)).toEqual([undefined]);
  });
});
