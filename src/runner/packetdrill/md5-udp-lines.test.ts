import { describe, expect, it } from 'vitest';
import { lineVerdict, runLines } from './script-test-kit';

const SECRET = '--tcp_md5_secret=secret';
const KEYS =
  '`echo \'add 192.168.0.1 192.0.2.1 tcp 0x1000 -A tcp-md5 "secret" ; add 192.0.2.1 192.168.0.1 tcp 0x1001 -A tcp-md5 "secret" ;\' | setkey -c`';
const FREEBSD = '0 `sysctl -w net.inet.tcp.rfc1323=0`';
const TUNNEL = '+0 `sysctl -w net.inet.tcp.udp_tunneling_port=9811`';

/** A FreeBSD socket with TCP_MD5SIG connecting; the lines after it are the test's. */
function signedOpen(...rest: string[]): string[] {
  return [
    SECRET,
    KEYS,
    FREEBSD,
    '+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    '+0 fcntl(3, F_SETFL, O_RDWR | O_NONBLOCK) = 0',
    '+0 setsockopt(3, IPPROTO_TCP, TCP_MD5SIG, [1], 4) = 0',
    '+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
    ...rest,
  ];
}

/** An established plain connection on a host with a UDP tunneling port. */
function tunneled(...rest: string[]): string[] {
  return [
    FREEBSD,
    TUNNEL,
    '+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    '+0 fcntl(3, F_SETFL, O_RDWR | O_NONBLOCK) = 0',
    '+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
    '+0 > S 0:0(0) win 65535 <mss 1460,sackOK,eol,eol>',
    '+0 < S. 0:0(0) ack 1 win 32767 <mss 1460>',
    '+0 > . 1:1(0) ack 1 win 65535',
    ...rest,
  ];
}

describe('md5 options in packet lines (RFC 2385, nplab packetdrill --tcp_md5_secret)', () => {
  it('signs what the script injects and checks what the engine signs, both ways', () => {
    const result = runLines(
      signedOpen(
        '+0 > S 0:0(0) win 65535 <mss 1460,sackOK,md5 valid>',
        '+0 < S. 0:0(0) ack 1 win 32767 <mss 1460,md5 valid>',
        '+0 > . 1:1(0) ack 1 win 65535 <nop,nop,md5 valid>',
        '+0 send(3, ..., 2000, 0) = 2000',
        '+0 > . 1:1441(1440) ack 1 win 65535 <nop,nop,md5 valid>',
      ),
    );
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });

  it('fails an outbound line that says md5 invalid for a right signature', () => {
    const result = runLines(signedOpen('+0 > S 0:0(0) win 65535 <mss 1460,sackOK,md5 invalid>'));
    expect(lineVerdict(result, 8)).toMatch(
      /^failed: .*options.*expected <mss 1460,sackOK,md5 invalid> vs actual <mss 1460,sackOK,md5 valid>/,
    );
  });

  it('drops an injected segment signed with another key: only the right one completes the handshake', () => {
    const result = runLines(
      signedOpen(
        '+0 > S 0:0(0) win 65535 <...>',
        '+0 < S. 0:0(0) ack 1 win 32767 <mss 1460,md5 invalid>',
        // Before the SYN's 1 s timeout: an ACK for the first SYN-ACK would be 0.5 s early.
        '+.5 < S. 0:0(0) ack 1 win 32767 <mss 1460,md5 valid>',
        '+0 > . 1:1(0) ack 1 win 65535 <nop,nop,md5 valid>',
      ),
    );
    expect(result.firstFailure).toBeNull();
  });

  it('sends no SYN when no setkey line gave a key (tcp_output() cannot sign it)', () => {
    const lines = signedOpen('+0 > S 0:0(0) win 65535 <...>').filter((l) => l !== KEYS);
    expect(lineVerdict(runLines(lines), 7)).toMatch(/^failed: Timed out waiting for packet/);
  });

  it('says a line with md5 valid cannot run without --tcp_md5_secret', () => {
    const lines = signedOpen(
      '+0 > S 0:0(0) win 65535 <...>',
      '+0 < S. 0:0(0) ack 1 win 32767 <mss 1460,md5 valid>',
    ).filter((l) => l !== SECRET);
    expect(lineVerdict(runLines(lines), 8)).toMatch(
      /^not-applicable: 'md5 valid' needs the script's --tcp_md5_secret/,
    );
  });

  it('says which setkey statements it does not follow', () => {
    const result = runLines([
      '`echo \'add 192.168.0.1 192.0.2.1 esp 0x1000 -E des-cbc "12345678" ;\' | setkey -c`',
      FREEBSD,
    ]);
    expect(lineVerdict(result, 1)).toMatch(/^not-applicable: setkey .*only 'add <src> <dst> tcp/);
  });
});

describe('/udp lines (FreeBSD TCP over UDP, net.inet.tcp.udp_tunneling_port)', () => {
  it('answers a segment in UDP on another port than the connection with a RST in UDP', () => {
    const result = runLines(
      tunneled(
        '+.1 < F. 1:1(0) ack 1 win 32767/udp(1 > 9811)',
        '+0 > R 1:1(0) win 0/udp(9811 > 1)',
        '+.1 < S 1:1(0) win 32767/udp(1 > 9811)',
        '+0 > R. 0:0(0)! ack 2 win 0/udp(9811 > 1)',
      ),
    );
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });

  it('fails a line that expects plain TCP where the engine sent UDP', () => {
    const result = runLines(
      tunneled('+.1 < F. 1:1(0) ack 1 win 32767/udp(1 > 9811)', '+0 > R 1:1(0) win 0'),
    );
    expect(lineVerdict(result, 10)).toBe(
      'failed: udp: expected plain TCP vs actual /udp(9811 > 1)',
    );
  });

  it('takes no UDP as TCP when no tunneling port is set', () => {
    const lines = tunneled(
      '+.1 < F. 1:1(0) ack 1 win 32767/udp(1 > 9811)',
      '+0 > R 1:1(0) win 0/udp(9811 > 1)',
    ).filter((l) => l !== TUNNEL);
    expect(lineVerdict(runLines(lines), 9)).toMatch(/^failed: Timed out waiting for packet/);
  });

  it('refuses TCP_REMOTE_UDP_ENCAPS_PORT without a tunneling port and after connect, as tcp_ctloutput() does', () => {
    const result = runLines([
      FREEBSD,
      '+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 fcntl(3, F_SETFL, O_RDWR | O_NONBLOCK) = 0',
      '+0 setsockopt(3, IPPROTO_TCP, TCP_REMOTE_UDP_ENCAPS_PORT, [1], 4) = -1 EINVAL (Invalid argument)',
      TUNNEL,
      '+0 setsockopt(3, IPPROTO_TCP, TCP_REMOTE_UDP_ENCAPS_PORT, [70000], 4) = -1 EINVAL (Invalid argument)',
      '+0 setsockopt(3, IPPROTO_TCP, TCP_REMOTE_UDP_ENCAPS_PORT, [1], 4) = 0',
      '+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)',
      '+0 > S 0:0(0) win 65535 <mss 1460,sackOK,eol,eol>/udp(9811 > 1)',
      '+0 setsockopt(3, IPPROTO_TCP, TCP_REMOTE_UDP_ENCAPS_PORT, [2], 4) = -1 EINVAL (Invalid argument)',
    ]);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });

  it('does not set a tunneling port the kernel would refuse', () => {
    const result = runLines([FREEBSD, '+0 `sysctl -w net.inet.tcp.udp_tunneling_port=70000`']);
    expect(lineVerdict(result, 2)).toMatch(
      /^not-applicable: .*udp_tunneling_port: the kernel refuses '70000' \(EINVAL\)/,
    );
  });
});
