/** Ends of a connection's life that are more than one state change. */
import type { Conn } from './conn';
import { cancelAllTimers, setState, type Ctx } from './step';

/**
 * MUST-11 (RFC 9293 §3.10.7.4): an embryonic connection of a passive OPEN "returns to
 * LISTEN". The listener never left LISTEN, so the child's TCB is deleted and the
 * listener goes on; the child's state output shows the return.
 */
export function returnToListen(d: Conn, ctx: Ctx, cause: string): void {
  cancelAllTimers(d, ctx);
  setState(d, ctx, 'LISTEN', cause);
  ctx.out.push({ type: 'closed', socket: d.id });
}
