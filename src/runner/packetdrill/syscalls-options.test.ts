import { describe, expect, it } from 'vitest';
import { LINUX_DEFAULTS, lineVerdict, runLines } from './script-test-kit';

const FREEBSD = '0 `sysctl -w net.inet.tcp.rfc1323=1`';

describe('keepalive socket options read the sysctl at the time of the call', () => {
  it('FreeBSD: getsockopt(TCP_KEEPIDLE) follows net.inet.tcp.keepidle (ms) until the socket sets its own', () => {
    const result = runLines([
      FREEBSD,
      '+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 getsockopt(3, IPPROTO_TCP, TCP_KEEPIDLE, [7200], [4]) = 0',
      '+.1 `sysctl -w net.inet.tcp.keepidle=15000`',
      '+0 getsockopt(3, IPPROTO_TCP, TCP_KEEPIDLE, [15], [4]) = 0',
      '+0 setsockopt(3, IPPROTO_TCP, TCP_KEEPIDLE, [30], 4) = 0',
      '+.1 `sysctl -w net.inet.tcp.keepidle=7200000`',
      '+0 getsockopt(3, IPPROTO_TCP, TCP_KEEPIDLE, [30], [4]) = 0',
      '+0 getsockopt(3, IPPROTO_TCP, TCP_KEEPCNT, [8], [4]) = 0',
      '+0 getsockopt(3, IPPROTO_TCP, TCP_KEEPINTVL, [75], [4]) = 0',
      '+0 getsockopt(3, IPPROTO_TCP, TCP_KEEPINIT, [75], [4]) = 0',
    ]);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
    expect(lineVerdict(result, 4)).toMatch(
      /^applied: net\.inet\.tcp\.keepidle \(ms\) = 15000, read by getsockopt/,
    );
  });

  it('names a value that differs', () => {
    const result = runLines([
      FREEBSD,
      '+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 getsockopt(3, IPPROTO_TCP, TCP_KEEPCNT, [9], [4]) = 0',
    ]);
    expect(result.firstFailure?.reason).toBe('TCP_KEEPCNT: expected [9] vs actual [8]');
  });

  it('Linux: defaults of tcp.h, the bounds of do_tcp_setsockopt(), and no TCP_KEEPINIT', () => {
    const result = runLines([
      LINUX_DEFAULTS,
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 getsockopt(3, SOL_TCP, TCP_KEEPCNT, [9], [4]) = 0',
      '+0 setsockopt(3, SOL_TCP, TCP_KEEPCNT, [0], 4) = -1 EINVAL (Invalid argument)',
      '+0 setsockopt(3, SOL_TCP, TCP_KEEPIDLE, [32768], 4) = -1 EINVAL (Invalid argument)',
      '+0 setsockopt(3, SOL_TCP, TCP_KEEPINTVL, [10], 4) = 0',
      '+0 getsockopt(3, SOL_TCP, TCP_KEEPINTVL, [10], [4]) = 0',
      '+0 getsockopt(3, SOL_TCP, TCP_KEEPINIT, [75], [4]) = -1 ENOPROTOOPT (Protocol not available)',
    ]);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });

  it('an accepted socket starts with the listener’s values', () => {
    const result = runLines([
      LINUX_DEFAULTS,
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 setsockopt(3, SOL_TCP, TCP_KEEPIDLE, [60], 4) = 0',
      '+0 bind(3, ..., ...) = 0',
      '+0 listen(3, 1) = 0',
      '+0 < S 0:0(0) win 65535 <mss 1460>',
      '+0 > S. 0:0(0) ack 1 <mss 1460>',
      '+0 < . 1:1(0) ack 1 win 257',
      '+0 accept(3, ..., ...) = 4',
      '+0 getsockopt(4, SOL_TCP, TCP_KEEPIDLE, [60], [4]) = 0',
    ]);
    expect(result.firstFailure).toBeNull();
  });
});

describe('other socket calls as the kernels answer them', () => {
  it('EWOULDBLOCK and EAGAIN are one errno (errno.h), so either spelling matches', () => {
    const result = runLines([
      LINUX_DEFAULTS,
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
      '+0 bind(3, ..., ...) = 0',
      '+0 listen(3, 1) = 0',
      '+0 accept(3, ..., ...) = -1 EWOULDBLOCK (Resource temporarily unavailable)',
      '+0 accept(3, ..., ...) = -1 EAGAIN (Resource temporarily unavailable)',
    ]);
    expect(lineVerdict(result, 6)).toBe('passed');
    expect(lineVerdict(result, 7)).toBe('passed');
  });

  it('getsockopt(TCP_MAXSEG) before connect: the MSS set with TCP_MAXSEG, else 536 (TCP_MSS_DEFAULT)', () => {
    const result = runLines([
      LINUX_DEFAULTS,
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 getsockopt(3, SOL_TCP, TCP_MAXSEG, [536], [4]) = 0',
      '+0 setsockopt(3, SOL_TCP, TCP_MAXSEG, [1100], 4) = 0',
      '+0 getsockopt(3, SOL_TCP, TCP_MAXSEG, [1100], [4]) = 0',
    ]);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });

  it('sendto(MSG_FASTOPEN) fails with EOPNOTSUPP to AF_UNSPEC or with the client bit of tcp_fastopen off', () => {
    const unspec = runLines([
      LINUX_DEFAULTS,
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
      '+0 sendto(3, ..., 0, MSG_FASTOPEN, AF_UNSPEC, ...) = -1 EOPNOTSUPP (Operation not supported)',
    ]);
    expect(lineVerdict(unspec, 4)).toBe('passed');
    const off = runLines([
      '`./defaults.sh; sysctl -q net.ipv4.tcp_fastopen=0`',
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
      '+0 sendto(3, ..., 1000, MSG_FASTOPEN, ..., ...) = -1 EOPNOTSUPP (Operation not supported)',
    ]);
    expect(lineVerdict(off, 4)).toBe('passed');
  });
});

describe('TCP_FASTOPEN_CONNECT (Linux tcp_fastopen_defer_connect())', () => {
  const WARM = [
    '`../../common/defaults.sh',
    ' ../../common/set_sysctls.py /proc/sys/net/ipv4/tcp_timestamps=0`',
    '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    '+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
    '+0 setsockopt(3, SOL_TCP, TCP_FASTOPEN_CONNECT, [1], 4) = 0',
    // No cookie yet: connect() sends the SYN at once, asking for one.
    '+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation is now in progress)',
    '+0 > S 0:0(0) <mss 1460,nop,nop,sackOK,nop,wscale 8,FO,nop,nop>',
    '+.01 < S. 123:123(0) ack 1 win 14600 <mss 1460,nop,nop,sackOK,nop,wscale 6,FO abcd1234,nop,nop>',
    '+0 > . 1:1(0) ack 1',
  ];

  it('with a cookie connect() returns 0 at once and the first write sends the SYN with the data', () => {
    const result = runLines([
      ...WARM,
      '+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 4',
      '+0 fcntl(4, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
      '+0 setsockopt(4, SOL_TCP, TCP_FASTOPEN_CONNECT, [1], 4) = 0',
      '+.01 connect(4, ..., ...) = 0',
      '+0 read(4, ..., 4096) = -1 EAGAIN (Resource temporarily unavailable)',
      '+.01 write(4, ..., 1000) = 1000',
      '+0 > S 0:1000(1000) <mss 1460,nop,nop,sackOK,nop,wscale 8,FO abcd1234,nop,nop>',
    ]);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });

  it('is refused with EINVAL for a value other than 0 or 1', () => {
    const result = runLines([
      LINUX_DEFAULTS,
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 setsockopt(3, SOL_TCP, TCP_FASTOPEN_CONNECT, [2], 4) = -1 EINVAL (Invalid argument)',
    ]);
    expect(result.firstFailure).toBeNull();
  });
});

describe('TCP_USER_TIMEOUT (Linux tcp_sock_set_user_timeout())', () => {
  it('fails a write with ETIMEDOUT once data stayed unacknowledged that long; a negative value is EINVAL', () => {
    const result = runLines([
      LINUX_DEFAULTS,
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 bind(3, ..., ...) = 0',
      '+0 listen(3, 1) = 0',
      '+0 < S 0:0(0) win 65535 <mss 1460>',
      '+0 > S. 0:0(0) ack 1 <mss 1460>',
      '+.1 < . 1:1(0) ack 1 win 65535',
      '+0 accept(3, ..., ...) = 4',
      '+0 setsockopt(4, SOL_TCP, TCP_USER_TIMEOUT, [-1], 4) = -1 EINVAL (Invalid argument)',
      '+0 setsockopt(4, SOL_TCP, TCP_USER_TIMEOUT, [1000], 4) = 0',
      '+0 write(4, ..., 10) = 10',
      '+0 > P. 1:11(10) ack 1',
      '+.9 write(4, ..., 10) = 10',
      '+.2 write(4, ..., 10) = -1 ETIMEDOUT (Connection timed out)',
    ]);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });
});
