/**
 * The Fast Open client's cookie cache (RFC 7413 §4.1.3, §4.2.1) as Linux and FreeBSD keep it:
 * what a connect with data sends, and what the SYN-ACK changes for the next connection.
 */
import { describe, expect, it } from 'vitest';
import { findFastOpen } from './fastopen';
import { retuneHost } from './host';
import { profiles, type Profile } from './profiles';
import { describeSegment, Probe, REMOTE } from './testing/probe';
import type { Segment, TcpOption } from './types';

const fo = (cookie: readonly number[]): TcpOption => ({ kind: 'unknown', type: 34, data: cookie });
const foExp = (cookie: readonly number[]): TcpOption => ({
  kind: 'unknown',
  type: 254,
  data: [0xf9, 0x89, ...cookie],
});
const mss = (value: number): TcpOption => ({ kind: 'mss', value });
const COOKIE = [1, 2, 3, 4, 5, 6, 7, 8];

/** Opens one Fast Open connection with `bytes` of data and returns its SYN and socket. */
function open(p: Probe, bytes: number): { syn: Segment; socket: number; taken: number } {
  const r = p.call({
    call: 'connect',
    remote: REMOTE,
    remotePort: 8080,
    fastOpen: new Uint8Array(bytes),
  });
  const [syn] = p.sent();
  p.localPort = (syn as Segment).srcPort;
  p.remotePort = 8080;
  return { syn: syn as Segment, socket: r.socket ?? -1, taken: r.bytes ?? 0 };
}

/** Answers the SYN with a SYN-ACK and aborts the connection, keeping what the cache learned. */
function answer(p: Probe, socket: number, ack: number, options: readonly TcpOption[]): Segment[] {
  p.inject({ flags: 'S.', seq: 0, ack, options });
  const sent = p.sent();
  p.call({ call: 'abort', socket });
  p.sent();
  return sent;
}

const optionOf = (s: Segment) => findFastOpen(s.options);

describe('SYN-SENT, Fast Open client after FreeBSD (tcp_fastopen.c client cookie cache)', () => {
  const BSD: Profile = profiles.freebsd;

  it('the first connect asks for a cookie and the SYN takes no data (tcp_fastopen_connect(): no entry)', () => {
    const p = new Probe(BSD);
    const { syn, socket, taken } = open(p, 100);
    expect(taken).toBe(0);
    expect(describeSegment(syn)).toBe('S 0:0(0) win 65535');
    // tcp_addoptions(): the option after TS, then EOL padding to a multiple of 4 bytes.
    expect(syn.options.map((o) => o.kind)).toEqual([
      'mss',
      'nop',
      'wscale',
      'sackOK',
      'ts',
      'unknown',
      'eol',
      'eol',
    ]);
    expect(optionOf(syn)?.cookie).toEqual([]);
    expect(answer(p, socket, 1, [mss(1460), fo(COOKIE)]).map(describeSegment)).toEqual([
      '. 1:1(0) ack 1 win 65535',
    ]);
  });

  it('a valid cookie (4 to 16 bytes, even) is kept and the next SYN carries it with the data', () => {
    const p = new Probe(BSD);
    const first = open(p, 0);
    answer(p, first.socket, 1, [mss(1460), fo(COOKIE)]);
    const { syn, taken } = open(p, 100);
    expect(taken).toBe(100);
    expect(describeSegment(syn)).toBe('S 0:100(100) win 65535');
    expect(optionOf(syn)?.cookie).toEqual(COOKIE);
  });

  it('a cookie of an invalid length disables the path: the next SYN goes without the option (tcp_fastopen_update_cache())', () => {
    const p = new Probe(BSD);
    const first = open(p, 0);
    answer(p, first.socket, 1, [mss(1460), fo([1, 2, 3])]);
    const { syn, taken } = open(p, 100);
    expect(taken).toBe(0);
    expect(optionOf(syn)).toBeNull();
  });

  it('a SYN-ACK without the option disables the path (tcp_fastopen_disable_path())', () => {
    const p = new Probe(BSD);
    const first = open(p, 0);
    answer(p, first.socket, 1, [mss(1460)]);
    expect(optionOf(open(p, 100).syn)).toBeNull();
  });

  it('the disabled path asks for a cookie again after path_disable_time (900 s)', () => {
    const p = new Probe(BSD);
    const first = open(p, 0);
    answer(p, first.socket, 1, [mss(1460)]);
    p.advance(900_001);
    const { syn } = open(p, 100);
    expect(optionOf(syn)?.cookie).toEqual([]);
  });

  it('SYN data not acknowledged and an invalid cookie: the data goes again at once, the path is disabled', () => {
    const p = new Probe(BSD);
    answer(p, open(p, 0).socket, 1, [mss(1460), fo(COOKIE)]);
    const second = open(p, 100);
    expect(answer(p, second.socket, 1, [mss(1460), fo([2])]).map(describeSegment)).toEqual([
      'P. 1:101(100) ack 1 win 65535',
    ]);
    expect(optionOf(open(p, 100).syn)).toBeNull();
  });

  it('SYN data acknowledged: a new valid cookie replaces the old one, an invalid one or none keeps it', () => {
    const p = new Probe(BSD);
    answer(p, open(p, 0).socket, 1, [mss(1460), fo(COOKIE)]);
    answer(p, open(p, 100).socket, 101, [mss(1460), fo([9, 9, 9])]);
    answer(p, open(p, 100).socket, 101, [mss(1460)]);
    expect(optionOf(open(p, 100).syn)?.cookie).toEqual(COOKIE);
    const p2 = new Probe(BSD);
    answer(p2, open(p2, 0).socket, 1, [mss(1460), fo(COOKIE)]);
    answer(p2, open(p2, 100).socket, 101, [mss(1460), fo([4, 3, 2, 1])]);
    expect(optionOf(open(p2, 100).syn)?.cookie).toEqual([4, 3, 2, 1]);
  });
});

describe('SYN-SENT, Fast Open client after Linux (tcp_fastopen_cache_set(), tcp_send_syn_data())', () => {
  const LINUX: Profile = { ...profiles.linux, timestamps: false, fastOpen: 0x1 };

  it('the SYN data is the cached server MSS less MAX_TCP_OPTION_SPACE (40)', () => {
    const p = new Probe(LINUX);
    answer(p, open(p, 0).socket, 1, [mss(940), fo([0xab, 0xcd, 0x12, 0x34])]);
    const { syn, taken } = open(p, 2000);
    expect(taken).toBe(900);
    expect(describeSegment(syn)).toBe('S 0:900(900) win 64240');
  });

  it('a cookie of an invalid length is not cached, but the MSS is, and the old cookie stays', () => {
    const p = new Probe(LINUX);
    answer(p, open(p, 0).socket, 1, [mss(1460), fo([0, 0, 0, 0])]);
    answer(p, open(p, 1000).socket, 1001, [mss(940), fo([0x11, 0x22])]);
    const { syn, taken } = open(p, 1000);
    expect(taken).toBe(900);
    expect(optionOf(syn)?.cookie).toEqual([0, 0, 0, 0]);
  });

  it('a cookie request answered without a cookie asks in the experimental option next, then in kind 34 for good', () => {
    const p = new Probe(LINUX);
    const first = open(p, 0);
    expect(optionOf(first.syn)).toEqual({ cookie: [], experimental: false });
    answer(p, first.socket, 1, [mss(1460)]);
    const second = open(p, 0);
    expect(optionOf(second.syn)).toEqual({ cookie: [], experimental: true });
    answer(p, second.socket, 1, [mss(1460)]);
    for (let i = 0; i < 2; i++) {
      const next = open(p, 0);
      expect(optionOf(next.syn)).toEqual({ cookie: [], experimental: false });
      answer(p, next.socket, 1, [mss(1460)]);
    }
  });

  it('a cookie that came in the experimental option goes back in it', () => {
    const p = new Probe(LINUX);
    answer(p, open(p, 0).socket, 1, [mss(1460), foExp([0x12, 0x34, 0xab, 0xcd])]);
    expect(optionOf(open(p, 10).syn)).toEqual({
      cookie: [0x12, 0x34, 0xab, 0xcd],
      experimental: true,
    });
  });

  it('tcp_fastopen bit 0x4: the SYN carries data and no option at all', () => {
    const p = new Probe({ ...LINUX, fastOpen: 0x5 });
    const { syn, taken } = open(p, 1000);
    expect(taken).toBe(1000);
    expect(optionOf(syn)).toBeNull();
    expect(describeSegment(syn)).toBe('S 0:1000(1000) win 64240');
  });

  it('tcp_fastopen bit 0x4: a cookie in the SYN-ACK was not asked for and is not cached (tcp_rcv_fastopen_synack())', () => {
    const p = new Probe({ ...LINUX, fastOpen: 0x5 });
    answer(p, open(p, 1000).socket, 1001, [mss(1460), fo([0xab, 0xcd, 0x12, 0x34])]);
    retuneHost(p.host, { fastOpen: 0x1 });
    const { syn, taken } = open(p, 1000);
    expect(taken).toBe(0);
    expect(optionOf(syn)).toEqual({ cookie: [], experimental: false });
  });
});
