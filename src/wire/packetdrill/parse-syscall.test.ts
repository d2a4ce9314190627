import { describe, expect, it } from 'vitest';
import { errorOf, syscall } from './parser-test-kit';
import { parseScript } from './parser';

describe('system calls', () => {
  it('reads arguments, result, errno and note', () => {
    expect(syscall('0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)')).toEqual({
      name: 'connect',
      args: [{ kind: 'int', value: 3 }, { kind: 'ellipsis' }, { kind: 'ellipsis' }],
      result: { kind: 'int', value: -1 },
      errno: 'EINPROGRESS',
      note: 'Operation now in progress',
      returnUsecs: null,
    });
  });

  it('reads lists, flag sets, structs and calls', () => {
    expect(syscall('0 getsockopt(3, SOL_SOCKET, SO_ERROR, [ETIMEDOUT], [4]) = 0').args[3]).toEqual({
      kind: 'list',
      items: [{ kind: 'symbol', name: 'ETIMEDOUT' }],
    });
    expect(syscall('0 fcntl(3, F_SETFL, O_RDWR | O_NONBLOCK) = 0').args[2]).toEqual({
      kind: 'or',
      terms: [
        { kind: 'symbol', name: 'O_RDWR' },
        { kind: 'symbol', name: 'O_NONBLOCK' },
      ],
    });
    const bind = syscall(
      '0 bind(3, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("192.168.0.1")}, 16) = 0',
    );
    expect(bind.args[1]).toEqual({
      kind: 'struct',
      fields: [
        { name: 'sa_family', value: { kind: 'symbol', name: 'AF_INET' } },
        {
          name: 'sin_port',
          value: { kind: 'call', name: 'htons', args: [{ kind: 'int', value: 8080 }] },
        },
        {
          name: 'sin_addr',
          value: {
            kind: 'call',
            name: 'inet_addr',
            args: [{ kind: 'string', value: '192.168.0.1' }],
          },
        },
      ],
    });
  });

  it('reads a hex result followed by a note, as fcntl(F_GETFL) prints it', () => {
    const call = syscall('0 fcntl(3, F_GETFL) = 0x02 (flags O_RDWR)');
    expect(call.result).toEqual({ kind: 'int', value: 2 });
    expect(call.errno).toBeNull();
    expect(call.note).toBe('flags O_RDWR');
  });

  it('does not let a result reach into the next line', () => {
    const script = parseScript('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 close(3) = 0');
    expect(script.events).toHaveLength(2);
  });

  it('names line and column of a malformed call', () => {
    expect(errorOf('0 close(3 = 0')).toBe("1:11: expected ',' or ')', found '='");
    expect(errorOf('0 close(3)')).toBe(
      "1:11: expected '= result' after close(...), found end of script",
    );
    expect(errorOf('0 close(3) = -1 whatever')).toBe(
      "1:17: expected an errno name such as EAGAIN, found 'whatever'",
    );
    expect(errorOf('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0...1 > S 0:0(0) <...>')).toBe(
      "2:8: only a system call can block ('...' end time)",
    );
  });
});

describe('sendmsg msghdr', () => {
  it('reads a field with its length, msg_name(...)=..., and iovecs written {buffer, length}', () => {
    const msg = syscall(
      '0 sendmsg(4, {msg_name(...)=..., msg_iov(2)=[{..., 40}, {NULL, 0}], msg_flags=0}, 0) = 40',
    ).args[1];
    expect(msg).toEqual({
      kind: 'struct',
      fields: [
        { name: 'msg_name', value: { kind: 'ellipsis' }, length: [{ kind: 'ellipsis' }] },
        {
          name: 'msg_iov',
          length: [{ kind: 'int', value: 2 }],
          value: {
            kind: 'list',
            items: [
              {
                kind: 'struct',
                fields: [
                  { name: 'iov_base', value: { kind: 'ellipsis' } },
                  { name: 'iov_len', value: { kind: 'int', value: 40 } },
                ],
              },
              {
                kind: 'struct',
                fields: [
                  { name: 'iov_base', value: { kind: 'symbol', name: 'NULL' } },
                  { name: 'iov_len', value: { kind: 'int', value: 0 } },
                ],
              },
            ],
          },
        },
        { name: 'msg_flags', value: { kind: 'int', value: 0 } },
      ],
    });
  });

  it('names an iovec that is not {buffer, length}', () => {
    expect(() => syscall('0 sendmsg(4, {msg_iov(1)=[{..., 1, 2}]}, 0) = 1')).toThrow(
      /expected an iovec \{buffer, length\}, found 3 items/,
    );
  });
});
