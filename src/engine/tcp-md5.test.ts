import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addMd5Key } from './host';
import { profiles } from './profiles';
import { seq } from './seq';
import {
  MD5_OPTION_KIND,
  signatureIn,
  signatureOf,
  signatureValid,
  signPacket,
  withSignatureSlot,
} from './tcp-md5';
import { describeSegment, LOCAL, Probe, REMOTE } from './testing/probe';
import { Flag, type Packet, type SocketId, type TcpOption } from './types';

const KEY = new TextEncoder().encode('secret');
const WRONG = new TextEncoder().encode('guess');
const SLOT: TcpOption = { kind: 'unknown', type: MD5_OPTION_KIND, data: new Array(16).fill(0) };

/** Options as packetdrill writes them: "nop,nop,md5". */
function layout(options: readonly TcpOption[]): string {
  return options
    .map((o) => (o.kind === 'unknown' && o.type === MD5_OPTION_KIND ? 'md5' : o.kind))
    .join(',');
}

/** What the peer's stack does to a segment before it leaves: a signature under `key`. */
const signedWith = (key: Uint8Array) => (p: Packet) =>
  signPacket(
    { ...p, segment: { ...p.segment, options: withSignatureSlot('freebsd', p.segment.options) } },
    key,
  );

/** Both directions keyed, as the FreeBSD scripts' setkey lines do. */
function keyed(probe: Probe): Probe {
  addMd5Key(probe.host, LOCAL, REMOTE, KEY);
  addMd5Key(probe.host, REMOTE, LOCAL, KEY);
  return probe;
}

function signedConnection(): { probe: Probe; socket: SocketId } {
  const probe = keyed(new Probe(profiles.freebsd));
  const socket = probe.connect({ tcpMd5: true });
  probe.inject({
    flags: 'S.',
    seq: 0,
    ack: 1,
    options: [{ kind: 'mss', value: 1460 }, { kind: 'sackOK' }],
    finish: signedWith(KEY),
  });
  probe.sentPackets();
  return { probe, socket };
}

describe('the signature (RFC 2385 §2.0)', () => {
  const packet: Packet = {
    src: '192.168.0.1',
    dst: '192.0.2.1',
    segment: {
      srcPort: 5000,
      dstPort: 8080,
      seq: seq(0x01020304),
      ack: seq(0x0a0b0c0d),
      flags: Flag.ACK | Flag.PSH,
      window: 0x1234,
      urgent: 0,
      options: [{ kind: 'nop' }, { kind: 'nop' }, SLOT],
      payload: new TextEncoder().encode('data'),
    },
  };

  it('is MD5 of the pseudo-header, the header without options and checksum, the data and the key', () => {
    // Laid out by hand: 192.168.0.1, 192.0.2.1, 0, proto 6, length 20+20+4 = 44; then the
    // header with data offset (20+20)/4 = 10 and a zero checksum; "data"; "secret".
    const bytes = [
      ...[192, 168, 0, 1, 192, 0, 2, 1, 0, 6, 0, 44],
      ...[0x13, 0x88, 0x1f, 0x90, 1, 2, 3, 4, 10, 11, 12, 13, 0xa0, 0x18, 0x12, 0x34, 0, 0, 0, 0],
      ...new TextEncoder().encode('datasecret'),
    ];
    const expected = createHash('md5').update(Uint8Array.from(bytes)).digest();
    expect(Array.from(signatureOf(packet, KEY))).toEqual(Array.from(expected));
  });

  it('uses the IPv6 pseudo-header over IPv6 (RFC 8200 §8.1: 32-bit length, next header 6)', () => {
    const v6 = { ...packet, src: 'fd3d:fa7b:d17d::1', dst: '2001:db8::1' };
    const pseudo = new Uint8Array(40);
    pseudo.set([0xfd, 0x3d, 0xfa, 0x7b, 0xd1, 0x7d], 0);
    pseudo[15] = 1;
    pseudo.set([0x20, 0x01, 0x0d, 0xb8], 16);
    pseudo[31] = 1;
    pseudo[35] = 44;
    pseudo[39] = 6;
    const header = [0x13, 0x88, 0x1f, 0x90, 1, 2, 3, 4, 10, 11, 12, 13, 0xa0, 0x18, 0x12, 0x34];
    const bytes = [...pseudo, ...header, 0, 0, 0, 0, ...new TextEncoder().encode('datasecret')];
    const expected = createHash('md5').update(Uint8Array.from(bytes)).digest();
    expect(Array.from(signatureOf(v6, KEY))).toEqual(Array.from(expected));
  });

  it('holds under the key it was made with and fails under another, or once a bit changes', () => {
    const signed = signPacket(packet, KEY);
    expect(signatureValid(signed, KEY)).toBe(true);
    expect(signatureValid(signed, WRONG)).toBe(false);
    const moved = { ...signed, segment: { ...signed.segment, seq: seq(0x01020305) } };
    expect(signatureValid(moved, KEY)).toBe(false);
    expect(signatureValid({ ...packet, segment: { ...packet.segment, options: [] } }, KEY)).toBe(
      false,
    );
  });
});

describe('where the signature goes (FreeBSD tcp_addoptions())', () => {
  it('ends a full SYN at 40 bytes: <mss,nop,wscale,sackOK,TS,nop,nop,md5>', () => {
    const syn: TcpOption[] = [
      { kind: 'mss', value: 1460 },
      { kind: 'nop' },
      { kind: 'wscale', shift: 6 },
      { kind: 'sackOK' },
      { kind: 'ts', val: 1, ecr: 0 },
    ];
    expect(layout(withSignatureSlot('freebsd', syn))).toBe('mss,nop,wscale,sackOK,ts,nop,nop,md5');
  });

  it('pads to offset 2 mod 4: <nop,nop,md5> alone, <nop,nop,TS,nop,nop,md5> after timestamps', () => {
    expect(layout(withSignatureSlot('freebsd', []))).toBe('nop,nop,md5');
    const ts: TcpOption[] = [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'ts', val: 1, ecr: 2 }];
    expect(layout(withSignatureSlot('freebsd', ts))).toBe('nop,nop,ts,nop,nop,md5');
  });

  it('puts SACK after it and keeps only the blocks that still fit in 40 bytes', () => {
    const blocks = [
      [seq(100), seq(200)],
      [seq(300), seq(400)],
      [seq(500), seq(600)],
    ] as const;
    const out = withSignatureSlot('freebsd', [
      { kind: 'nop' },
      { kind: 'nop' },
      { kind: 'sack', blocks },
    ]);
    expect(layout(out)).toBe('nop,nop,md5,nop,nop,sack');
    const sack = out.find((o) => o.kind === 'sack');
    expect(sack?.kind === 'sack' && sack.blocks.length).toBe(2);
  });

  it('comes first on Linux (tcp_options_write())', () => {
    expect(layout(withSignatureSlot('linux', [{ kind: 'mss', value: 1460 }]))).toBe(
      'nop,nop,md5,mss',
    );
  });
});

describe('SYN-SENT with TCP_MD5SIG', () => {
  it('signs the SYN with the key for its addresses', () => {
    const p = keyed(new Probe(profiles.freebsd));
    p.call({ call: 'connect', remote: REMOTE, remotePort: 8080, options: { tcpMd5: true } });
    const [syn] = p.sentPackets();
    expect(layout(syn!.segment.options)).toBe('mss,nop,wscale,sackOK,ts,nop,nop,md5');
    expect(signatureValid(syn!, KEY)).toBe(true);
  });

  it('sends nothing without a key: FreeBSD tcp_output() frees a segment it cannot sign', () => {
    const p = new Probe(profiles.freebsd);
    p.call({ call: 'connect', remote: REMOTE, remotePort: 8080, options: { tcpMd5: true } });
    expect(p.sentPackets()).toEqual([]);
  });

  it('ignores an unsigned SYN-ACK, and completes on a signed one', () => {
    const p = keyed(new Probe(profiles.freebsd));
    const socket = p.connect({ tcpMd5: true });
    p.sentPackets();
    p.inject({ flags: 'S.', seq: 0, ack: 1, options: [{ kind: 'mss', value: 1460 }] });
    expect(p.sentPackets()).toEqual([]);
    expect(p.info(socket)?.state).toBe('SYN-SENT');
    p.inject({
      flags: 'S.',
      seq: 0,
      ack: 1,
      options: [{ kind: 'mss', value: 1460 }],
      finish: signedWith(KEY),
    });
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
    const [ack] = p.sentPackets();
    expect(layout(ack!.segment.options)).toBe('nop,nop,md5');
    expect(signatureValid(ack!, KEY)).toBe(true);
  });
});

describe('ESTABLISHED with TCP_MD5SIG', () => {
  it('takes signed data', () => {
    const { probe: p, socket } = signedConnection();
    p.inject({ flags: 'P.', seq: 1, ack: 1, payload: 100, finish: signedWith(KEY) });
    expect(p.info(socket)?.unread).toBe(100);
  });

  it('silently discards data that is unsigned or signed with another key (§2.0)', () => {
    const { probe: p, socket } = signedConnection();
    p.inject({ flags: 'P.', seq: 1, ack: 1, payload: 100 });
    p.inject({ flags: 'P.', seq: 1, ack: 1, payload: 100, finish: signedWith(WRONG) });
    expect(p.sentPackets()).toEqual([]);
    expect(p.info(socket)?.unread).toBe(0);
  });

  it('does not let an unsigned RST reset it', () => {
    const { probe: p, socket } = signedConnection();
    p.inject({ flags: 'R', seq: 1 });
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
  });

  it('sends 20 bytes less per segment: the padded signature is option space (tcp_maxseg())', () => {
    const { probe: p, socket } = signedConnection();
    // The peer offered MSS 1460 (signedConnection); 1460 − 20 bytes of data fit.
    p.call({ call: 'send', socket, data: new Uint8Array(2880) });
    const sent = p.sentPackets();
    expect(sent.map((s) => describeSegment(s.segment))).toEqual([
      '. 1:1441(1440) ack 1 win 65535',
      'P. 1441:2881(1440) ack 1 win 65535',
    ]);
    expect(sent.every((s) => signatureValid(s, KEY))).toBe(true);
  });

  it('signs the challenge ACK it sends for an in-window SYN (RFC 5961 §4.2)', () => {
    const { probe: p } = signedConnection();
    p.inject({ flags: 'S', seq: 5, finish: signedWith(KEY) });
    const [ack] = p.sentPackets();
    expect(describeSegment(ack!.segment)).toBe('. 1:1(0) ack 1 win 65535');
    expect(signatureIn(ack!.segment.options)).not.toBeNull();
    expect(signatureValid(ack!, KEY)).toBe(true);
  });
});

describe('LISTEN with TCP_MD5SIG', () => {
  it('ignores an unsigned SYN and answers a signed one with a signed SYN-ACK', () => {
    const p = keyed(new Probe(profiles.freebsd));
    p.call({ call: 'listen', port: 8080, options: { tcpMd5: true } });
    p.inject({ flags: 'S', seq: 0, options: [{ kind: 'mss', value: 1460 }] });
    expect(p.sentPackets()).toEqual([]);
    p.inject({
      flags: 'S',
      seq: 0,
      options: [{ kind: 'mss', value: 1460 }],
      finish: signedWith(KEY),
    });
    const [synAck] = p.sentPackets();
    expect(synAck!.segment.flags).toBe(Flag.SYN | Flag.ACK);
    expect(signatureValid(synAck!, KEY)).toBe(true);
  });
});
