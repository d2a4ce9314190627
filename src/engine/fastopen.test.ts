import { describe, expect, it } from 'vitest';
import { fastOpenCookie, findFastOpen } from './fastopen';
import { profiles, type Profile } from './profiles';
import { describeSegment, LOCAL, Probe, REMOTE } from './testing/probe';
import type { Segment, TcpOption } from './types';

/** packetdrill's defaults.sh: tcp_fastopen=0x70403 and its key, TS off to keep lines short. */
const TFO: Profile = {
  ...profiles.linux,
  timestamps: false,
  fastOpen: 0x70403,
  fastOpenKey: [0xa1a1a1a1, 0xb2b2b2b2, 0xc3c3c3c3, 0xd4d4d4d4],
};

const hex = (bytes: readonly number[]) =>
  bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
const fo = (cookie: readonly number[]): TcpOption => ({ kind: 'unknown', type: 34, data: cookie });
const foExp = (cookie: readonly number[]): TcpOption => ({
  kind: 'unknown',
  type: 254,
  data: [0xf9, 0x89, ...cookie],
});
const cookieOf = (s: Segment) => (findFastOpen(s.options)?.cookie ?? null) as number[] | null;
const CLIENT_COOKIE = [0xab, 0xcd, 0x12, 0x34];

describe('the Fast Open cookie (RFC 7413 §4.1.2)', () => {
  it('is SipHash-2-4 of the addresses: the reference vector of the SipHash paper', () => {
    // Key 00..0f and message 00..07 give 62 24 93 9a 79 f5 f5 93 (SipHash paper, appendix A).
    const key = [0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c] as const;
    expect(hex(fastOpenCookie(key, '0.1.2.3', '4.5.6.7'))).toBe('6224939a79f5f593');
  });

  it('over IPv6 hashes both 16-byte addresses, 32 bytes in all, as Linux does for AF_INET6', () => {
    // Message 00..1f under the same key: 0x7127512f72f27cce (the paper's vector for 32 bytes).
    const key = [0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c] as const;
    const cookie = fastOpenCookie(
      key,
      '1:203:405:607:809:a0b:c0d:e0f',
      '1011:1213:1415:1617:1819:1a1b:1c1d:1e1f',
    );
    expect(hex(cookie)).toBe('ce7cf2722f512771');
  });

  it('under packetdrill’s key is the TFO_COOKIE its run_all.py passes for 192.0.2.1 → 192.168.0.1', () => {
    const cookie = fastOpenCookie(TFO.fastOpenKey, REMOTE, LOCAL);
    expect(hex(cookie)).toBe('3021b9d889017eeb');
  });
});

describe('LISTEN with Fast Open (RFC 7413 §4.2.2)', () => {
  const valid = fastOpenCookie(TFO.fastOpenKey, REMOTE, LOCAL);

  it('a SYN with a valid cookie and data: the SYN,ACK acknowledges the data, which is readable at once', () => {
    const p = new Probe(TFO);
    const l = p.call({ call: 'listen', port: 8080, backlog: 1 }).socket ?? -1;
    p.inject({
      flags: 'S',
      seq: 0,
      payload: 10,
      options: [{ kind: 'mss', value: 1460 }, foExp(valid)],
    });
    const [synAck] = p.sent();
    expect(describeSegment(synAck as Segment)).toBe('S. 0:0(0) ack 11 win 64240');
    expect(findFastOpen((synAck as Segment).options)).toBeNull(); // a valid cookie is not resent
    const accepted = p.call({ call: 'accept', socket: l });
    expect(accepted.result).toBe('ok');
    expect(p.info(accepted.socket ?? -1)?.state).toBe('SYN-RECEIVED');
    expect(p.call({ call: 'receive', socket: accepted.socket ?? -1 }).data?.length).toBe(10);
  });

  it('the accepted child may send before the third ACK, and the ACK then completes it', () => {
    const p = new Probe(TFO);
    const l = p.call({ call: 'listen', port: 8080, backlog: 1 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0, payload: 10, options: [fo(valid)] });
    p.sent();
    const child = p.call({ call: 'accept', socket: l }).socket ?? -1;
    p.call({ call: 'send', socket: child, data: new Uint8Array(100) });
    expect(p.sent().map(describeSegment)).toEqual(['P. 1:101(100) ack 11 win 65535']);
    p.inject({ flags: '.', seq: 11, ack: 101 });
    expect(p.info(child)).toMatchObject({ state: 'ESTABLISHED', unacknowledged: 0 });
    expect(p.outputsOf('acceptable')).toHaveLength(1);
  });

  it('a cookie request gets the cookie in the SYN,ACK, in the form it was asked in', () => {
    const p = new Probe(TFO);
    p.call({ call: 'listen', port: 8080 });
    p.inject({ flags: 'S', seq: 0, options: [foExp([])] });
    const [synAck] = p.sent();
    expect(findFastOpen((synAck as Segment).options)).toEqual({
      cookie: valid,
      experimental: true,
    });
  });

  it('an invalid cookie: the data is ignored (ack 1) and the valid cookie is sent back', () => {
    const p = new Probe(TFO);
    const l = p.call({ call: 'listen', port: 8080 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0, payload: 10, options: [fo([1, 2, 3, 4, 5, 6, 7, 8])] });
    const [synAck] = p.sent();
    expect(describeSegment(synAck as Segment)).toBe('S. 0:0(0) ack 1 win 64240');
    expect(cookieOf(synAck as Segment)).toEqual(valid);
    expect(p.call({ call: 'accept', socket: l }).result).toBe('EAGAIN');
  });

  it('a listener without Fast Open ignores the option and the data (tcp_fastopen=2, no TCP_FASTOPEN)', () => {
    const p = new Probe({ ...TFO, fastOpen: 0x2 });
    p.call({ call: 'listen', port: 8080 });
    p.inject({ flags: 'S', seq: 0, payload: 10, options: [fo(valid)] });
    const [synAck] = p.sent();
    expect(describeSegment(synAck as Segment)).toBe('S. 0:0(0) ack 1 win 64240');
    expect(findFastOpen((synAck as Segment).options)).toBeNull();
  });

  it('with tcp_fastopen 0x200 the data is taken without any cookie, even without the option (tcp_try_fastopen())', () => {
    const p = new Probe({ ...TFO, fastOpen: 0x202 });
    const l = p.call({ call: 'listen', port: 8080, options: { fastOpen: true } }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0, payload: 1000, options: [{ kind: 'mss', value: 1460 }] });
    const [synAck] = p.sent();
    expect(describeSegment(synAck as Segment)).toBe('S. 0:0(0) ack 1001 win 64240');
    expect(findFastOpen((synAck as Segment).options)).toBeNull();
    const child = p.call({ call: 'accept', socket: l }).socket ?? -1;
    expect(p.call({ call: 'receive', socket: child }).data?.length).toBe(1000);
  });

  it('TCP_FASTOPEN set after listen() counts for the SYNs that arrive later', () => {
    const p = new Probe({ ...TFO, fastOpen: 0x2 });
    const l = p.call({ call: 'listen', port: 8080 }).socket ?? -1;
    expect(p.call({ call: 'setFastOpen', socket: l, enabled: true }).result).toBe('ok');
    p.inject({ flags: 'S', seq: 0, payload: 10, options: [fo(valid)] });
    expect(p.sent().map(describeSegment)).toEqual(['S. 0:0(0) ack 11 win 64240']);
  });

  it('with tcp_fastopen=2 a listener asks for it with TCP_FASTOPEN', () => {
    const p = new Probe({ ...TFO, fastOpen: 0x2 });
    p.call({ call: 'listen', port: 8080, options: { fastOpen: true } });
    p.inject({ flags: 'S', seq: 0, payload: 10, options: [fo(valid)] });
    expect(p.sent().map(describeSegment)).toEqual(['S. 0:0(0) ack 11 win 64240']);
  });
});

describe('SYN-SENT with Fast Open (RFC 7413 §4.2.1)', () => {
  /** A client that learned CLIENT_COOKIE from a first connection's SYN,ACK. */
  function withCookie(): Probe {
    const p = new Probe(TFO);
    const first = p.call({
      call: 'connect',
      remote: REMOTE,
      remotePort: 8080,
      fastOpen: new Uint8Array(0),
    });
    expect(first.bytes).toBe(0); // no cookie yet: sendto's EINPROGRESS
    const [syn] = p.sent();
    expect(cookieOf(syn as Segment)).toEqual([]); // a cookie request
    p.localPort = (syn as Segment).srcPort;
    p.remotePort = 8080;
    p.inject({ flags: 'S.', seq: 123, ack: 1, options: [fo(CLIENT_COOKIE)] });
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 124 win 65535']);
    p.call({ call: 'abort', socket: first.socket ?? -1 });
    p.sent();
    return p;
  }

  it('with a cookie the SYN carries the data and the cookie; sendto returns the bytes taken', () => {
    const p = withCookie();
    const r = p.call({
      call: 'connect',
      remote: REMOTE,
      remotePort: 8080,
      fastOpen: new Uint8Array(1000),
    });
    expect(r.bytes).toBe(1000);
    const [syn] = p.sent();
    expect(describeSegment(syn as Segment)).toBe('S 0:1000(1000) win 64240');
    expect(cookieOf(syn as Segment)).toEqual(CLIENT_COOKIE);
  });

  it('a lost SYN with data is resent bare; the data follows the SYN,ACK at once as a retransmission', () => {
    const p = withCookie();
    const socket =
      p.call({ call: 'connect', remote: REMOTE, remotePort: 8080, fastOpen: new Uint8Array(1000) })
        .socket ?? -1;
    const [syn] = p.sent();
    p.localPort = (syn as Segment).srcPort;
    p.advance(1000);
    const [again] = p.sent();
    expect(describeSegment(again as Segment)).toBe('S 0:0(0) win 64240');
    expect(findFastOpen((again as Segment).options)).toBeNull();
    p.inject({ flags: 'S.', seq: 0, ack: 1, options: [{ kind: 'mss', value: 1460 }] });
    expect(p.sent().map(describeSegment)).toEqual(['P. 1:1001(1000) ack 1 win 65535']);
    const packets = p.outputsOf('packet');
    expect(packets.at(-1)?.retransmit).toBe(1);
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
  });

  it('a SYN,ACK that acknowledges the SYN data completes the handshake with nothing to resend', () => {
    const p = withCookie();
    p.call({ call: 'connect', remote: REMOTE, remotePort: 8080, fastOpen: new Uint8Array(1000) });
    const [syn] = p.sent();
    p.localPort = (syn as Segment).srcPort;
    p.inject({ flags: 'S.', seq: 0, ack: 1001 });
    expect(p.sent().map(describeSegment)).toEqual(['. 1001:1001(0) ack 1 win 65535']);
  });

  it('without the client bit, connect with data is a plain connect', () => {
    const p = new Probe({ ...TFO, fastOpen: 0 });
    const r = p.call({
      call: 'connect',
      remote: REMOTE,
      remotePort: 8080,
      fastOpen: new Uint8Array(10),
    });
    expect(r.bytes).toBe(0);
    const [syn] = p.sent();
    expect(findFastOpen((syn as Segment).options)).toBeNull();
  });
});
