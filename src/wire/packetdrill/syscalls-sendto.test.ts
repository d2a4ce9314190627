import { describe, expect, it } from 'vitest';
import { runScript } from './runner';

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
    const result = runScript(CLIENT.join('\n'));
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });

  it('Linux fails with EPIPE: a plain TCP sendto does not connect', () => {
    const lines = ['`./defaults.sh`', ...CLIENT.slice(2, 4)];
    const result = runScript(lines.join('\n'));
    expect(result.firstFailure?.reason).toBe('expected result 100 but got -1 EPIPE');
  });
});
