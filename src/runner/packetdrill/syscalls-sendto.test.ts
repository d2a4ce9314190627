import { describe, expect, it } from 'vitest';
import { LINUX_DEFAULTS, runLines } from './script-test-kit';

const CLIENT = [
  '--tolerance_usecs=10000',
  '0 `sysctl -w net.inet.tcp.rfc1323=1`',
  '+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
  '+0 sendto(3, ..., 100, 0, ..., ...) = 100',
  '+0 > S 0:0(0) win 65535 <mss 1460,nop,wscale 6,sackOK,TS val 0 ecr 0>',
  '+.05 < S. 0:0(0) ack 1 win 65535 <mss 1460,sackOK,eol,eol>',
  '+0 > P. 1:101(100) ack 1 win 65535',
];

describe('sendto() on an unconnected socket', () => {
  it('FreeBSD opens the connection itself and sends the data after the handshake (PR_IMPLOPCL)', () => {
    const result = runLines(CLIENT);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });

  it('Linux fails with EPIPE: a plain TCP sendto does not connect', () => {
    const lines = [LINUX_DEFAULTS, ...CLIENT.slice(2, 4)];
    const result = runLines(lines);
    expect(result.firstFailure?.reason).toBe('expected result 100 but got -1 EPIPE');
  });
});

const FREEBSD_TFO = [
  '0 `sysctl -w net.inet.tcp.rfc1323=1`',
  '+0 `sysctl -w net.inet.tcp.fastopen.client_enable=0`',
  '+0 `sysctl -w net.inet.tcp.fastopen.client_enable=1`',
  '+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
  '+0 setsockopt(3, IPPROTO_TCP, TCP_FASTOPEN, [1], 4) = 0',
  '+0 sendto(3, ..., 100, 0, ..., ...) = 100',
  '+0 > S 0:0(0) win 65535 <mss 1460,nop,wscale 6,sackOK,TS val 0 ecr 0,FO,eol,eol>',
  '+.05 < S. 0:0(0) ack 1 win 65535 <mss 1460,sackOK,FO 0102030405060708>',
  '+0 > P. 1:101(100) ack 1 win 65535',
];

describe('sendto() with Fast Open', () => {
  it('FreeBSD with TCP_FASTOPEN asks for a cookie; the data follows the handshake', () => {
    const result = runLines(FREEBSD_TFO);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });

  const LINUX_WARM = [
    '`../../common/defaults.sh',
    ' ../../common/set_sysctls.py /proc/sys/net/ipv4/tcp_timestamps=0 \\',
    '   /proc/sys/net/ipv4/tcp_fastopen=1`',
    '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    '+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
    '+0 sendto(3, ..., 0, MSG_FASTOPEN, ..., ...) = -1 EINPROGRESS (Operation is now in progress)',
    '+0 > S 0:0(0) <mss 1460,nop,nop,sackOK,nop,wscale 8,FO,nop,nop>',
    '+.01 < S. 123:123(0) ack 1 win 5840 <mss 940,nop,nop,sackOK,nop,wscale 6,FO abcd1234,nop,nop>',
    '+0 > . 1:1(0) ack 1',
    '+.01 socket(..., SOCK_STREAM, IPPROTO_TCP) = 4',
  ];

  it('Linux blocking: the SYN carries the cached MSS less 40, the ACK the rest, and sendto returns it all', () => {
    const lines = [
      ...LINUX_WARM,
      '+0...0.010 sendto(4, ..., 1900, MSG_FASTOPEN, ..., ...) = 1900',
      '+0 > S 0:900(900) <mss 1460,nop,nop,sackOK,nop,wscale 8,FO abcd1234,nop,nop>',
      '+.01 < S. 5678:5678(0) ack 901 win 5840 <mss 1460,nop,nop,sackOK,nop,wscale 6>',
      '+0 > P. 901:1901(1000) ack 1',
    ];
    const result = runLines(lines);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });

  it('Linux MSG_DONTWAIT, with MSG_FASTOPEN written as its number: returns what the SYN took', () => {
    const lines = [
      ...LINUX_WARM,
      '+0 sendto(4, ..., 1900, 0x20000000|MSG_DONTWAIT, ..., ...) = 900',
      '+0 > S 0:900(900) <mss 1460,nop,nop,sackOK,nop,wscale 8,FO abcd1234,nop,nop>',
    ];
    const result = runLines(lines);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });
  it('`ip tcp_metrics flush` empties the cookie cache: the next SYN asks again', () => {
    const lines = [
      ...LINUX_WARM,
      '+0 `ip tcp_metrics flush all > /dev/null 2>&1`',
      '+0 fcntl(4, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
      '+0 sendto(4, ..., 1000, MSG_FASTOPEN, ..., ...) = -1 EINPROGRESS (Operation is now in progress)',
      '+0 > S 0:0(0) <mss 1460,nop,nop,sackOK,nop,wscale 8,FO,nop,nop>',
    ];
    const result = runLines(lines);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });
});
