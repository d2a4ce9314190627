import { describe, expect, it } from 'vitest';
import { runScript } from './runner';
import { lineVerdict, LINUX_DEFAULTS } from './script-test-kit';

/** A listener that has answered the peer's SYN: its request waits for the third ACK. */
const SYN_ANSWERED = [
  LINUX_DEFAULTS,
  '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
  '+0 bind(3, ..., ...) = 0',
  '+0 listen(3, 1) = 0',
  '+0 < S 0:0(0) win 65535 <mss 1000>',
  '+0 > S. 0:0(0) ack 1 <mss 1460>',
];

/** A connection the script accepts, then 100 bytes it writes and the peer has not acknowledged. */
const SENDING = [
  ...SYN_ANSWERED,
  '+.1 < . 1:1(0) ack 1 win 65535',
  '+0 accept(3, ..., ...) = 4',
  '+0 write(4, ..., 100) = 100',
  '+0 > P. 1:101(100) ack 1',
];
const run = (lines: readonly string[], fileName?: string) =>
  runScript(lines.join('\n'), fileName === undefined ? {} : { fileName });
const last = (lines: readonly string[]) => lines.length;

describe('ICMP lines', () => {
  it('deliver the error to the socket under test, numbering the quoted segment as its own segments (run_packet.c)', () => {
    const lines = [
      ...SENDING,
      '+0 < icmp unreachable port_unreachable [1:101(100)]',
      '+0 getsockopt(4, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0',
    ];
    const result = run(lines);
    expect(lineVerdict(result, last(lines) - 1)).toBe('performed');
    expect(result.outcome).toBe('passed');
  });

  it('an error quoting data not in flight is not believed: SO_ERROR stays 0', () => {
    const lines = [
      ...SENDING,
      '+0 < icmp unreachable port_unreachable [5000:6000(1000)]',
      '+0 getsockopt(4, SOL_SOCKET, SO_ERROR, [0], [4]) = 0',
    ];
    expect(run(lines).outcome).toBe('passed');
  });

  it('fragmentation needed resends the data in flight in segments the path carries', () => {
    const lines = [
      ...SENDING.slice(0, -2),
      '+0 write(4, ..., 2000) = 2000',
      '+0 > P. 1:2001(2000) ack 1',
      '+.01 < icmp unreachable frag_needed mtu 576 [1:1001(1000)]',
      '+0 > . 1:537(536) ack 1',
    ];
    const result = run(lines);
    expect(lineVerdict(result, last(lines))).toBe('passed');
  });

  it('name a type or code packetdrill does not know, or an MTU where none belongs, as packetdrill does', () => {
    const code = run([...SENDING, '+0 < icmp unreachable no_such_code']);
    expect(lineVerdict(code, last(SENDING) + 1)).toBe('failed: bad ICMP code no_such_code');
    const type = run([...SENDING, '+0 < icmp packet_too_big mtu 1400']);
    expect(lineVerdict(type, last(SENDING) + 1)).toBe('failed: bad ICMP type packet_too_big');
    const mtu = run([...SENDING, '+0 < icmp unreachable host_unreachable mtu 800']);
    expect(lineVerdict(mtu, last(SENDING) + 1)).toBe(
      'failed: ICMPv4 MTU is only valid for unreachable-frag_needed',
    );
  });

  it('read CODE as host_unreachable unless -D says otherwise, the code the Google ICMP scripts leave to their harness', () => {
    const pending = [
      ...SYN_ANSWERED,
      '+.1 < icmp unreachable CODE',
      '+0 < . 1:1(0) ack 1 win 65535',
      '+0 > R 1:1(0)',
    ];
    expect(run(pending).outcome).toBe('passed');
    const port = runScript(pending.join('\n'), { defines: { CODE: 'port_unreachable' } });
    // tcp_req_err() does not drop a request over port unreachable: the ACK completes it.
    expect(lineVerdict(port, 9)).toMatch(/^failed/);
  });

  it('need a connection to quote', () => {
    const lines = [
      LINUX_DEFAULTS,
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 < icmp unreachable',
    ];
    expect(lineVerdict(run(lines), 3)).toBe(
      'failed: no connection yet for the ICMP message to quote a segment of',
    );
  });

  it('read ICMPv6 names in a Google script named *v6.pkt, which run_all.py runs over IPv6 only', () => {
    const v6 = [
      ...SENDING.slice(0, 4),
      '+0 < S 0:0(0) win 65535 <mss 1440>',
      '+0 > S. 0:0(0) ack 1 <mss 1440>',
      ...SENDING.slice(6, -2),
      '+0 write(4, ..., 1400) = 1400',
      '+0 > P. 1:1401(1400) ack 1',
      '+.01 < icmp packet_too_big mtu 1280 [1:1401(1400)]',
      '+0 > . 1:1221(1220) ack 1',
    ];
    const result = run(v6, 'syn-ack-ipv6.pkt');
    expect(lineVerdict(result, last(v6))).toBe('passed');
    expect(result.outcome).toBe('passed');
  });
});
