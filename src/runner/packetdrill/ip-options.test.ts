import { describe, expect, it } from 'vitest';
import { lineVerdict, runLines } from './script-test-kit';

const FREEBSD = '0 `sysctl -w net.inet.tcp.rfc1323=0`';

/** A passive open on a socket with IP_TTL 4, then data after IP_TTL 6 on the accepted one. */
function ttlScript(expectedAfter: string): string[] {
  return [
    FREEBSD,
    '+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    '+0 setsockopt(3, IPPROTO_IP, IP_TTL, [4], 4) = 0',
    '+0 bind(3, ..., ...) = 0',
    '+0 < (ttl 3) S 0:0(0) ack 1 win 32767 <mss 1460>',
    '+0 > (ttl 4) R. 0:0(0)! ack 1 win 0',
    '+0 listen(3, 1) = 0',
    '+0 < (ttl 3) S 0:0(0) win 32767 <mss 1460>',
    '+0 > (ttl 4) S. 0:0(0) ack 1 win 65535 <mss 1460>',
    '+.1 < . 1:1(0) ack 1 win 32767',
    '+0 accept(3, ..., ...) = 4',
    '+0 setsockopt(4, IPPROTO_IP, IP_TTL, [6], 4) = 0',
    '+0 send(4, ..., 100, 0) = 100',
    `+0 > ${expectedAfter} P. 1:101(100) ack 1 win 65535`,
  ];
}

describe('IP_TTL and IP_TOS reach every segment the socket sends, and the lines check them', () => {
  it('the bound socket’s RST, the listener’s SYN-ACK, then the accepted socket’s new TTL', () => {
    const result = runLines(ttlScript('(ttl 6)'));
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
    expect(lineVerdict(result, 6)).toBe('passed');
  });

  it('names a TTL that differs', () => {
    const result = runLines(ttlScript('(ttl 5)'));
    expect(result.firstFailure?.reason).toBe('ttl: expected 5 vs actual 6');
  });

  it('reads IPTOS_DSCP_* names and checks the whole TOS byte', () => {
    const result = runLines([
      FREEBSD,
      '+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 fcntl(3, F_SETFL, O_RDWR | O_NONBLOCK) = 0',
      '+0 setsockopt(3, IPPROTO_IP, IP_TOS, [IPTOS_DSCP_CS7], 4) = 0',
      '+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
      '+0 > (tos 0xe0) S 0:0(0) win 65535 <...>',
      '+0 setsockopt(3, IPPROTO_IP, IP_TOS, [-1], 4) = 0',
      '+0 setsockopt(3, IPPROTO_IP, IP_TOS, [256], 4) = -1 EINVAL (Invalid argument)',
      '+1 > (tos 0x00) S 0:0(0) win 65535 <...>',
    ]);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });
});
