/**
 * What a Linux socket does while it connects, as the runner plays it: a sysctl written in the
 * middle of a script, a non-blocking write before the handshake ends, and TCP_SYNCNT.
 */
import { describe, expect, it } from 'vitest';
import { LINUX_DEFAULTS, lineVerdict, runLines } from './script-test-kit';

const SYN = '+0 > S 0:0(0) <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 8>';

describe('a sysctl after the first socket call (the kernel reads it when it uses it)', () => {
  it('net.ipv4.tcp_fastopen=0 then =1: sendto(MSG_FASTOPEN) fails with EOPNOTSUPP, then opens (tcp_sendmsg_fastopen())', () => {
    const result = runLines([
      LINUX_DEFAULTS,
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
      '+0 `sysctl -q net.ipv4.tcp_fastopen=0`',
      '+.01 sendto(3, ..., 1000, MSG_FASTOPEN, ..., ...) = -1 EOPNOTSUPP',
      '+.01 `sysctl -q net.ipv4.tcp_fastopen=1`',
      '+.01 sendto(3, ..., 0, MSG_FASTOPEN, ..., ...) = -1 EINPROGRESS',
      '+0 > S 0:0(0) <mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 8,FO,nop,nop>',
    ]);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
    expect(lineVerdict(result, 4)).toBe('applied: tcp_fastopen = 0, from this line on');
  });

  it('a later SYN cookie setting still cannot change the running host, and says so', () => {
    const result = runLines([
      LINUX_DEFAULTS,
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 `sysctl -q net.ipv4.tcp_syncookies=0`',
    ]);
    expect(lineVerdict(result, 3)).toMatch(/^not-applicable: .*SYN cookies/);
  });
});

describe('SYN-SENT: a write before the handshake ends (Linux tcp_sendmsg_locked())', () => {
  it('a non-blocking socket gets EAGAIN and nothing is queued (sk_stream_wait_connect())', () => {
    const result = runLines([
      LINUX_DEFAULTS,
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
      '+0 connect(3, ..., ...) = -1 EINPROGRESS',
      SYN,
      '+.01 write(3, ..., 1000) = -1 EAGAIN',
      '+.01 < S. 0:0(0) ack 1 win 5840 <mss 1460,sackOK,TS val 700 ecr 100,nop,wscale 6>',
      '+0 > . 1:1(0) ack 1 <nop,nop,TS val 110 ecr 700>',
      '+0 write(3, ..., 1000) = 1000',
      '+0 > P. 1:1001(1000) ack 1 <nop,nop,TS val 110 ecr 700>',
    ]);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });

  it('FreeBSD queues it (sosend(): TCP has an implied connect), as RFC 9293 §3.10.2 SEND in SYN-SENT', () => {
    const result = runLines([
      '0 `sysctl -w net.inet.tcp.rfc1323=0`',
      '+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
      '+0 connect(3, ..., ...) = -1 EINPROGRESS',
      '+0 > S 0:0(0) <...>',
      '+.01 write(3, ..., 1000) = 1000',
    ]);
    expect(result.firstFailure).toBeNull();
  });
});

describe('SYN-SENT: TCP_SYNCNT (Linux do_tcp_setsockopt(), tcp_write_timeout())', () => {
  it('set while connecting, one retransmission: the SYN goes twice and a later write reports ETIMEDOUT', () => {
    const result = runLines([
      LINUX_DEFAULTS,
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
      '+0 connect(3, ..., ...) = -1 EINPROGRESS',
      '+0 setsockopt(3, IPPROTO_TCP, TCP_SYNCNT, [1], 4) = 0',
      SYN,
      '+1 > S 0:0(0) <mss 1460,sackOK,TS val 1100 ecr 0,nop,wscale 8>',
      '+6 write(3, ..., 100) = -1 ETIMEDOUT',
      '+0 write(3, ..., 100) = -1 EPIPE',
    ]);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });

  it('refuses 0 and values above 127 with EINVAL', () => {
    const result = runLines([
      LINUX_DEFAULTS,
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 setsockopt(3, IPPROTO_TCP, TCP_SYNCNT, [0], 4) = -1 EINVAL',
      '+0 setsockopt(3, IPPROTO_TCP, TCP_SYNCNT, [128], 4) = -1 EINVAL',
      '+0 setsockopt(3, IPPROTO_TCP, TCP_SYNCNT, [127], 4) = 0',
    ]);
    expect(result.firstFailure).toBeNull();
  });
});
