import { describe, expect, it } from 'vitest';
import { LINUX_DEFAULTS, runLines, syscallVerdicts } from './script-test-kit';

const run = (lines: readonly string[]) => runLines([LINUX_DEFAULTS, ...lines]);

const CONNECTING = [
  '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
  '+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
  '+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
  '+0 > S 0:0(0) <...>',
];

describe('calls on a socket in the wrong state get the errno the kernels give', () => {
  it('connect while the attempt is under way: EALREADY; once connected: EISCONN', () => {
    const result = run([
      ...CONNECTING,
      '+0 connect(3, ..., ...) = -1 EALREADY (Operation already in progress)',
      '+.1 < S. 0:0(0) ack 1 win 65535 <mss 1460>',
      '+0 > . 1:1(0) ack 1',
      '+0 connect(3, ..., ...) = -1 EISCONN (Transport endpoint is already connected)',
    ]);
    expect(syscallVerdicts(result)).toEqual([
      '2 performed',
      expect.stringMatching(/^3 not-applicable/),
      '4 passed',
      '6 passed',
      '9 passed',
    ]);
    expect(result.outcome).toBe('passed');
  });

  it('listen on a connecting socket and a second bind are EINVAL; listening again is fine', () => {
    const result = run([
      ...CONNECTING,
      '+0 listen(3, 1) = -1 EINVAL (Invalid argument)',
      '+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 4',
      '+0 bind(4, ..., ...) = 0',
      '+0 bind(4, ..., ...) = -1 EINVAL (Invalid argument)',
      '+0 listen(4, 1) = 0',
      '+0 listen(4, 5) = 0',
      '+0 connect(4, ..., ...) = -1 EISCONN (Transport endpoint is already connected)',
    ]);
    expect(result.firstFailure).toBeNull();
  });

  it('FreeBSD refuses connect on a listening socket with EOPNOTSUPP (soconnect)', () => {
    const result = runLines([
      '0 `sysctl -w net.inet.tcp.rfc1323=1`',
      '+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 bind(3, ..., ...) = 0',
      '+0 listen(3, 1) = 0',
      '+0 connect(3, ..., ...) = -1 EOPNOTSUPP (Operation not supported)',
    ]);
    expect(result.firstFailure).toBeNull();
  });
});
