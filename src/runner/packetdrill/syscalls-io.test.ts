import { describe, expect, it } from 'vitest';
import { LINUX_DEFAULTS, runLines } from './script-test-kit';

const ACCEPTED = [
  LINUX_DEFAULTS,
  '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
  '+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0',
  '+0 bind(3, ..., ...) = 0',
  '+0 listen(3, 1) = 0',
  '+0 < S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 10>',
  '+0 > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 8>',
  '+.2 < . 1:1(0) ack 1 win 514',
  '+0 accept(3, ..., ...) = 4',
];

describe('data calls with a NULL buffer', () => {
  it('fail with EFAULT before TCP sees them, and consume nothing (Linux tcp_sendmsg_locked(), tcp_recvmsg())', () => {
    const lines = [
      ...ACCEPTED,
      '+0 write(4, NULL, 1000) = -1 EFAULT (Bad address)',
      '+0 sendto(4, NULL, 1000, 0, ..., ...) = -1 EFAULT (Bad address)',
      '+0 < . 1:1001(1000) ack 1 win 200',
      '+0 recvfrom(4, NULL, 1000, 0, ..., ...) = -1 EFAULT (Bad address)',
      '+0 read(4, ..., 1000) = 1000',
    ];
    const result = runLines(lines);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });

  it('a NULL buffer with a count of 0 is no fault', () => {
    const result = runLines([...ACCEPTED, '+0 write(4, NULL, 0) = 0']);
    expect(result.firstFailure).toBeNull();
  });
});

describe('sendmsg', () => {
  it('sends the bytes of all its iovecs as one write; NULL with a length faults (sendmsg-empty-iov.pkt)', () => {
    const lines = [
      ...ACCEPTED,
      '+0 sendmsg(4, {msg_name(...)=..., msg_iov(3)=[{..., 0}, {..., 40}, {..., 20}], msg_flags=0}, 0) = 60',
      '+0 > P. 1:61(60) ack 1',
      '+0 sendmsg(4, {msg_iov(2)=[{..., 0}, {..., 0}], msg_flags=0}, MSG_ZEROCOPY) = 0',
      '+0 sendmsg(4, {msg_iov(1)=[{NULL, 10}], msg_flags=0}, 0) = -1 EFAULT (Bad address)',
      '+.01 < . 1:1(0) ack 61 win 514',
    ];
    const result = runLines(lines);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });
});
