/**
 * More behaviours of the FreeBSD suite, by state: FreeBSD's TIME-WAIT (tcp_twcheck()) and
 * its syncache's receive window (syncache_chkrst()), each citing the kernel function.
 */
import { describe, expect, it } from 'vitest';
import { profiles } from './profiles';
import { acceptedProbe, describeSegment, Probe } from './testing/probe';
import type { SocketId } from './types';

const brief = (s: { seq: number }) =>
  describeSegment(s as Parameters<typeof describeSegment>[0]).replace(/ win \d+$/, '');

/**
 * An active open that reached TIME-WAIT through shutdown(write), as the suite's
 * "-using-shutdown-" scripts do: our FIN is seq 1, the peer's FIN seq 1, so RCV.NXT = 2 and
 * SND.NXT = 2 (numbers relative to ISN 0 on both sides).
 */
function timeWait(): { probe: Probe; socket: SocketId } {
  const probe = new Probe(profiles.freebsd);
  const socket = probe.connect();
  probe.inject({
    flags: 'S.',
    seq: 0,
    ack: 1,
    win: 32767,
    options: [{ kind: 'mss', value: 1460 }],
  });
  probe.call({ call: 'shutdown', socket, how: 'write' });
  probe.inject({ flags: 'F.', seq: 1, ack: 2, win: 32767 });
  expect(probe.info(socket)?.state).toBe('TIME-WAIT');
  probe.sent();
  return { probe, socket };
}

describe('TIME-WAIT (FreeBSD tcp_twcheck())', () => {
  it('answers an ACK in the window beyond RCV.NXT with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>', () => {
    const { probe, socket } = timeWait();
    probe.inject({ flags: '.', seq: 3, ack: 2, win: 32767 });
    expect(probe.sent().map(brief)).toEqual(['. 2:2(0) ack 2']);
    expect(probe.info(socket)?.state).toBe('TIME-WAIT');
  });

  it('does not answer a bare duplicate ACK (SEG.SEQ = RCV.NXT, SEG.ACK = SND.NXT)', () => {
    const { probe } = timeWait();
    probe.inject({ flags: '.', seq: 2, ack: 2, win: 32767 });
    expect(probe.sent()).toEqual([]);
  });

  it('answers a FIN,ACK at RCV.NXT, which is not a duplicate ACK', () => {
    const { probe } = timeWait();
    probe.inject({ flags: 'F.', seq: 2, ack: 2, win: 32767 });
    expect(probe.sent().map(brief)).toEqual(['. 2:2(0) ack 2']);
  });

  it('drops a segment without ACK silently, even outside the window', () => {
    const { probe } = timeWait();
    probe.inject({ flags: 'F', seq: 1, win: 32767 });
    probe.inject({ flags: 'F', seq: 65702, win: 32767 });
    expect(probe.sent()).toEqual([]);
  });

  it('restarts the 2 MSL timer for a retransmitted FIN and acknowledges it', () => {
    const { probe, socket } = timeWait();
    probe.advance(30_000);
    probe.inject({ flags: 'F.', seq: 1, ack: 2, win: 32767 });
    expect(probe.sent().map(brief)).toEqual(['. 2:2(0) ack 2']);
    probe.advance(59_999);
    expect(probe.info(socket)?.state).toBe('TIME-WAIT');
    probe.advance(1);
    expect(probe.info(socket)?.state ?? 'CLOSED').toBe('CLOSED');
  });

  it('the rfc profile keeps RFC 9293 §3.10.7.4: an acceptable bare ACK draws no reply', () => {
    const probe = new Probe(profiles.rfc);
    const socket = probe.connect();
    probe.inject({ flags: 'S.', seq: 0, ack: 1, win: 32767 });
    probe.call({ call: 'shutdown', socket, how: 'write' });
    probe.inject({ flags: 'F.', seq: 1, ack: 2, win: 32767 });
    probe.sent();
    probe.inject({ flags: '.', seq: 3, ack: 2, win: 32767 });
    expect(probe.sent()).toEqual([]);
  });
});

describe('SYN-RECEIVED of a passive open (FreeBSD syncache_chkrst())', () => {
  /** Listen, take a SYN without window scaling: the SYN,ACK offers 65535. */
  function synReceived(profile = { ...profiles.freebsd, rfc5961: false }) {
    const probe = new Probe(profile);
    const listener = probe.call({ call: 'listen', port: 8080 }).socket as SocketId;
    probe.inject({ flags: 'S', seq: 0, win: 32767, options: [{ kind: 'mss', value: 1460 }] });
    expect(probe.sent().map(describeSegment)).toEqual(['S. 0:0(0) ack 1 win 65535']);
    return { probe, listener };
  }

  it('checks a RST against the SYN,ACK’s window, not the buffer rounded to the MSS: one at RCV.NXT+65535 is ignored', () => {
    const { probe, listener } = synReceived();
    probe.inject({ flags: 'R', seq: 65536, win: 32767 });
    probe.inject({ flags: '.', seq: 1, ack: 1, win: 32767 });
    expect(probe.call({ call: 'accept', socket: listener }).result).toBe('ok');
  });

  it('a RST at the window’s last sequence number still ends the embryonic connection', () => {
    const { probe, listener } = synReceived();
    probe.inject({ flags: 'R', seq: 65535, win: 32767 });
    probe.inject({ flags: '.', seq: 1, ack: 1, win: 32767 });
    expect(probe.call({ call: 'accept', socket: listener }).result).toBe('EAGAIN');
  });
});

describe('LISTEN and SYN-SENT: a segment with SYN and FIN (FreeBSD net.inet.tcp.drop_synfin)', () => {
  const dropping = { ...profiles.freebsd, dropSynFin: true };

  it('a listener drops it without a SYN,ACK (tcp_input()), then answers a plain SYN', () => {
    const probe = new Probe(dropping);
    probe.call({ call: 'listen', port: 8080 });
    probe.inject({ flags: 'SF', seq: 17, win: 32767, payload: 3 });
    expect(probe.sent()).toEqual([]);
    probe.inject({ flags: 'S', seq: 27, win: 32767 });
    expect(probe.sent().map(brief)).toEqual(['S. 0:0(0) ack 28']);
  });

  it('SYN-SENT drops it (tcp_do_segment()) and keeps retransmitting its SYN', () => {
    const probe = new Probe(dropping);
    probe.connect();
    probe.sent();
    probe.inject({ flags: 'SF', seq: 0, win: 32767 });
    expect(probe.sent()).toEqual([]);
    probe.advance(1000);
    expect(probe.sent().map(brief)).toEqual(['S 0:0(0)']);
  });

  it('without drop_synfin the SYN is processed (RFC 9293 §3.10.7.3): a simultaneous open', () => {
    const probe = new Probe(profiles.freebsd);
    probe.connect();
    probe.sent();
    probe.inject({ flags: 'SF', seq: 0, win: 32767 });
    expect(probe.sent().map(brief)).toEqual(['S. 0:0(0) ack 1']);
  });
});

describe('SYN-SENT and LISTEN: TCP_NOOPT (FreeBSD TF_NOOPT)', () => {
  it('connect() sends a SYN without any option, not even the MSS (tcp_output())', () => {
    const probe = new Probe(profiles.freebsd);
    probe.connect({ noOptions: true });
    const [syn] = probe.sent();
    expect(syn?.options).toEqual([]);
  });

  it('a listener answers a SYN full of options with a bare SYN,ACK and agrees to none (SCF_NOOPT)', () => {
    const probe = new Probe(profiles.freebsd);
    const listener = probe.call({ call: 'listen', port: 8080, options: { noOptions: true } })
      .socket as SocketId;
    probe.inject({
      flags: 'S',
      seq: 0,
      win: 65535,
      options: [
        { kind: 'mss', value: 1000 },
        { kind: 'wscale', shift: 6 },
        { kind: 'ts', val: 100, ecr: 0 },
        { kind: 'sackOK' },
      ],
    });
    const [synAck] = probe.sent();
    expect(synAck?.options).toEqual([]);
    probe.inject({ flags: '.', seq: 1, ack: 1, win: 65535 });
    const socket = probe.call({ call: 'accept', socket: listener }).socket as SocketId;
    const n = probe.info(socket)?.negotiated;
    expect([n?.wscale, n?.timestamps, n?.sackPermitted, n?.sendMss]).toEqual([
      null,
      false,
      false,
      1000,
    ]);
  });
});

describe('SYN-SENT: net.inet.tcp.rexmit_drop_options (FreeBSD tcp_timer_rexmt())', () => {
  it('after three timeouts the SYN goes again with the MSS option only', () => {
    const probe = new Probe({ ...profiles.freebsd, dropSynOptionsAfter: 3 });
    probe.connect();
    probe.advance(20_000);
    const kinds = probe.sent().map((s) => s.options.map((o) => o.kind).join(','));
    expect(kinds.slice(0, 5)).toEqual([
      'mss,nop,wscale,sackOK,ts',
      'mss,nop,wscale,sackOK,ts',
      'mss,nop,wscale,sackOK,ts',
      'mss',
      'mss',
    ]);
  });
});

describe('FIN-WAIT-1: a bare SYN at IRS, left of the window', () => {
  for (const rfc5961 of [true, false]) {
    it(`draws the challenge ACK without the FIN FreeBSD repeats elsewhere (rfc5961 ${rfc5961}; tcp_do_segment() tests SYN before trimming)`, () => {
      const { probe, socket } = acceptedProbe({ ...profiles.freebsd, rfc5961 });
      probe.call({ call: 'close', socket });
      expect(probe.sent().map(brief)).toEqual(['F. 1:1(0) ack 1']);
      probe.inject({ flags: 'S', seq: 0, win: 32767 });
      expect(probe.sent().map(brief)).toEqual(['. 2:2(0) ack 1']);
    });
  }
});

const ECE = 0x40;
const CWR = 0x80;
const ecnBits = (s: { flags: number }) => s.flags & (ECE | CWR);

describe('SYN-SENT and LISTEN: ECN negotiation (RFC 3168 §6.1.1)', () => {
  it('ecn 1 asks in the SYN with ECE and CWR; FreeBSD gives up after ecn.maxretries resends', () => {
    const probe = new Probe({ ...profiles.freebsd, ecn: 1 });
    probe.connect();
    probe.advance(3300);
    expect(probe.sent().map(ecnBits)).toEqual([ECE | CWR, ECE | CWR, 0]);
  });

  it('Linux strips ECN from the first resent SYN (tcp_ecn_clear_syn())', () => {
    const probe = new Probe({ ...profiles.linux, ecn: 1 });
    probe.connect();
    probe.advance(1000);
    expect(probe.sent().map(ecnBits)).toEqual([ECE | CWR, 0]);
  });

  it('ecn 2 does not ask, but a listener answers an ECN-setup SYN with ECE alone', () => {
    const probe = new Probe(profiles.freebsd);
    probe.call({ call: 'listen', port: 8080 });
    probe.inject({ flags: 'S', seq: 0, win: 32767 });
    expect(probe.sent().map(ecnBits)).toEqual([0]);
    const asking = new Probe(profiles.freebsd);
    asking.call({ call: 'listen', port: 8080 });
    asking.inject({ flags: 'S', seq: 0, win: 32767, extraFlags: ECE | CWR });
    expect(asking.sent().map(ecnBits)).toEqual([ECE]);
  });

  it('ecn 0 never sets the bits, even when asked', () => {
    const probe = new Probe(profiles.rfc);
    probe.call({ call: 'listen', port: 8080 });
    probe.inject({ flags: 'S', seq: 0, win: 32767, extraFlags: ECE | CWR });
    expect(probe.sent().map(ecnBits)).toEqual([0]);
  });
});

describe('ESTABLISHED: the scaled window field (FreeBSD tcp_output() roundup2())', () => {
  it('FreeBSD rounds the window up to the scale unit: 65700 with shift 6 is 1027, not 1026', () => {
    const probe = new Probe(profiles.freebsd);
    probe.connect();
    probe.sent();
    probe.inject({
      flags: 'S.',
      seq: 0,
      ack: 1,
      win: 65535,
      options: [{ kind: 'mss', value: 1460 }, { kind: 'nop' }, { kind: 'wscale', shift: 6 }],
    });
    expect(probe.sent().map((s) => s.window)).toEqual([1027]);
  });

  it('Linux rounds down (tcp_select_window())', () => {
    const probe = new Probe({ ...profiles.linux, receiveBuffer: 65700, windowScale: 6 });
    probe.connect();
    probe.sent();
    probe.inject({
      flags: 'S.',
      seq: 0,
      ack: 1,
      win: 65535,
      options: [{ kind: 'mss', value: 1460 }, { kind: 'nop' }, { kind: 'wscale', shift: 6 }],
    });
    expect(probe.sent().map((s) => s.window)).toEqual([1026]);
  });
});

describe('SYN-SENT: text on the peer’s SYN in a simultaneous open (RFC 9293 §3.10.7.3)', () => {
  function simultaneous(profile: typeof profiles.freebsd) {
    const probe = new Probe(profile);
    const socket = probe.connect();
    probe.sent();
    probe.inject({ flags: 'S', seq: 0, win: 32767, payload: 3 });
    expect(probe.sent().map(brief)).toEqual(['S. 0:0(0) ack 1']);
    expect(probe.call({ call: 'receive', socket }).result).toBe('EAGAIN');
    probe.inject({ flags: '.', seq: 4, ack: 1, win: 32767 });
    expect(probe.info(socket)?.state).toBe('ESTABLISHED');
    return { probe, socket };
  }

  it('is queued and delivered once ESTABLISHED is reached (FreeBSD tcp_reass()), without an extra ACK', () => {
    const { probe, socket } = simultaneous(profiles.freebsd);
    expect(probe.call({ call: 'receive', socket }).data?.length).toBe(3);
    expect(probe.sent()).toEqual([]);
    probe.call({ call: 'close', socket });
    expect(probe.sent().map(brief)).toEqual(['F. 1:1(0) ack 4']);
  });

  it('is dropped by Linux (tcp_rcv_synsent_state_process(): "it is not done")', () => {
    const { probe, socket } = simultaneous(profiles.linux);
    expect(probe.call({ call: 'receive', socket }).result).toBe('EAGAIN');
  });
});
