/**
 * sendmsg(fd, msghdr, flags): the bytes of its iovecs go out as one send (Linux
 * tcp_sendmsg_locked() copies the iovecs in order into the send queue), and a msghdr with an
 * address is sendto's (MSG_FASTOPEN connects to it). The call is carried out as the sendto
 * it amounts to.
 */
import type { Expr, StructField, SyscallSpec } from '../../wire/packetdrill/ast';
import { fail, intOf, notApplicable, symbolsOf, type CallOutcome } from './syscall-kit';
import type { RunContext } from './run-context';
import { doSendto } from './syscalls-sendto';

function field(msg: Expr | undefined, name: string): StructField | undefined {
  return msg?.kind === 'struct' ? msg.fields.find((f) => f.name === name) : undefined;
}

export function doSendmsg(ctx: RunContext, spec: SyscallSpec): CallOutcome {
  const msg = spec.args[1];
  if (msg?.kind !== 'struct') return notApplicable('sendmsg needs a msghdr {msg_iov=[...], ...}');
  const iov = field(msg, 'msg_iov')?.value;
  const vectors = iov?.kind === 'list' ? iov.items : [];
  let length = 0;
  let faults = false;
  for (const v of vectors) {
    const len = intOf(field(v, 'iov_len')?.value);
    if (len === null || len < 0) return fail('EINVAL');
    length += len;
    // An iovec whose buffer is NULL faults when the kernel copies from it (EFAULT).
    if (len > 0 && symbolsOf(field(v, 'iov_base')?.value).includes('NULL')) faults = true;
  }
  const name = field(msg, 'msg_name');
  const asSendto: SyscallSpec = {
    ...spec,
    name: 'sendto',
    args: [
      spec.args[0] ?? { kind: 'ellipsis' },
      faults ? { kind: 'symbol', name: 'NULL' } : { kind: 'ellipsis' },
      { kind: 'int', value: length },
      spec.args[2] ?? { kind: 'int', value: 0 },
      name?.value ?? { kind: 'symbol', name: 'NULL' },
      name?.length?.[0] ?? { kind: 'int', value: 0 },
    ],
  };
  return doSendto(ctx, asSendto);
}
