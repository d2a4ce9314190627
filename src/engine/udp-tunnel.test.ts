import { describe, expect, it } from 'vitest';
import { profiles, type Profile } from './profiles';
import { connectedProbe, describeSegment, Probe, REMOTE } from './testing/probe';
import type { SocketId } from './types';
import { udpEncapsPortError } from './udp-tunnel';

/** FreeBSD with `sysctl net.inet.tcp.udp_tunneling_port=9811`, as the tcp-testsuite sets it. */
const tunneling: Profile = { ...profiles.freebsd, udpTunnelingPort: 9811 };
const FROM_PEER = { srcPort: 1, dstPort: 9811 };

describe('setsockopt(TCP_REMOTE_UDP_ENCAPS_PORT) (FreeBSD tcp_ctloutput())', () => {
  it('takes a port 0..65535 on a socket that has not connected', () => {
    expect(udpEncapsPortError(tunneling, 9811, 'CLOSED')).toBeNull();
    expect(udpEncapsPortError(tunneling, 0, 'CLOSED')).toBeNull();
  });

  it('is EINVAL out of range, before a tunneling port is set, and once connected', () => {
    expect(udpEncapsPortError(tunneling, 65536, 'CLOSED')).toBe('EINVAL');
    expect(udpEncapsPortError(tunneling, -1, 'CLOSED')).toBe('EINVAL');
    expect(udpEncapsPortError(profiles.freebsd, 9811, 'CLOSED')).toBe('EINVAL');
    expect(udpEncapsPortError(profiles.freebsd, 0, 'CLOSED')).toBeNull();
    expect(udpEncapsPortError(tunneling, 9811, 'ESTABLISHED')).toBe('EINVAL');
  });
});

describe('CLOSED: a segment in UDP to no socket', () => {
  it('is answered with a reset in UDP, back to the port it came from (tcp_respond())', () => {
    const p = new Probe(tunneling);
    p.inject({ flags: 'S', seq: 0, udp: FROM_PEER });
    const [rst] = p.sentPackets();
    expect(describeSegment(rst!.segment)).toBe('R. 0:0(0) ack 1 win 0');
    expect(rst!.udp).toEqual({ srcPort: 9811, dstPort: 1 });
  });

  it('is no TCP at all when it is not to the tunneling port, or none is set', () => {
    const other = new Probe(tunneling);
    other.inject({ flags: 'S', seq: 0, udp: { srcPort: 1, dstPort: 9812 } });
    expect(other.sentPackets()).toEqual([]);
    const off = new Probe(profiles.freebsd);
    off.inject({ flags: 'S', seq: 0, udp: FROM_PEER });
    expect(off.sentPackets()).toEqual([]);
  });
});

describe('LISTEN: a SYN in UDP', () => {
  it('makes a connection over UDP: the SYN-ACK and all after it go back in UDP', () => {
    const p = new Probe(tunneling);
    const listener = p.call({ call: 'listen', port: 8080 }).socket as SocketId;
    p.inject({ flags: 'S', seq: 0, options: [{ kind: 'mss', value: 1460 }], udp: FROM_PEER });
    const [synAck] = p.sentPackets();
    expect(synAck!.udp).toEqual({ srcPort: 9811, dstPort: 1 });
    p.inject({ flags: '.', seq: 1, ack: 1, udp: FROM_PEER });
    const socket = p.call({ call: 'accept', socket: listener }).socket as SocketId;
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
    // The UDP header comes off the MSS: 1460 − 8 (net.inet.tcp.udp_tunneling_overhead).
    p.call({ call: 'send', socket, data: new Uint8Array(1460) });
    const sent = p.sentPackets();
    expect(sent.map((s) => describeSegment(s.segment))).toEqual([
      '. 1:1453(1452) ack 1 win 65535',
      'P. 1453:1461(8) ack 1 win 65535',
    ]);
    expect(sent.every((s) => s.udp?.dstPort === 1)).toBe(true);
  });
});

describe('SYN-SENT over UDP (TCP_REMOTE_UDP_ENCAPS_PORT before connect)', () => {
  it('sends its SYN in UDP from the tunneling port to the port it was given', () => {
    const p = new Probe(tunneling);
    p.call({ call: 'connect', remote: REMOTE, remotePort: 8080, options: { udpEncapsPort: 7 } });
    const [syn] = p.sentPackets();
    expect(syn!.udp).toEqual({ srcPort: 9811, dstPort: 7 });
  });
});

describe('ESTABLISHED: a segment on another UDP port (tcp_input(): t_port != port)', () => {
  function plain(): { probe: Probe; socket: SocketId } {
    return connectedProbe(tunneling);
  }

  it('resets an ACK that comes in UDP to a plain connection with <SEQ=SEG.ACK><CTL=RST>, in UDP', () => {
    const { probe: p, socket } = plain();
    p.inject({ flags: 'F.', seq: 1, ack: 1, udp: FROM_PEER });
    const [rst] = p.sentPackets();
    expect(describeSegment(rst!.segment)).toBe('R 1:1(0) win 0');
    expect(rst!.udp).toEqual({ srcPort: 9811, dstPort: 1 });
    // The segment never reached the connection: its FIN is not taken.
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
  });

  it('resets a SYN without ACK with <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>', () => {
    const { probe: p, socket } = plain();
    p.inject({ flags: 'S', seq: 1, udp: FROM_PEER });
    const [rst] = p.sentPackets();
    expect(describeSegment(rst!.segment)).toBe('R. 0:0(0) ack 2 win 0');
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
  });

  it('resets a plain segment to a connection over UDP, in plain TCP', () => {
    const p = new Probe(tunneling);
    const socket = p.connect({ udpEncapsPort: 1 });
    p.inject({ flags: 'S.', seq: 0, ack: 1, udp: FROM_PEER });
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
    p.sentPackets();
    p.inject({ flags: 'P.', seq: 1, ack: 1, payload: 10 });
    const [rst] = p.sentPackets();
    expect(describeSegment(rst!.segment)).toBe('R 1:1(0) win 0');
    expect(rst!.udp).toBeUndefined();
    expect(p.info(socket)?.unread).toBe(0);
  });
});
