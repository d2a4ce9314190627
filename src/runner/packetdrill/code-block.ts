/**
 * `%{ }%` blocks: packetdrill runs them as Python against tcp_info. The runner checks the
 * assertions a simulated endpoint can answer: `assert tcpi_state == TCP_X` (Linux names) or
 * `TCPI_X` (nplab's FreeBSD names), and `assert tcpi_probes == N` / `tcpi_backoff == N` (Linux
 * icsk_probes_out and icsk_backoff), against the connection under test. Any other statement
 * makes the line not applicable.
 */
import type { SocketInfo, TcpState } from '../../engine';
import type { RunContext } from './run-context';
import type { Verdict } from './run-context';

const STATES: Readonly<Record<string, TcpState>> = {
  ESTABLISHED: 'ESTABLISHED',
  SYN_SENT: 'SYN-SENT',
  SYN_RECV: 'SYN-RECEIVED',
  SYN_RECEIVED: 'SYN-RECEIVED',
  FIN_WAIT1: 'FIN-WAIT-1',
  FIN_WAIT_1: 'FIN-WAIT-1',
  FIN_WAIT2: 'FIN-WAIT-2',
  FIN_WAIT_2: 'FIN-WAIT-2',
  TIME_WAIT: 'TIME-WAIT',
  CLOSE: 'CLOSED',
  CLOSED: 'CLOSED',
  CLOSE_WAIT: 'CLOSE-WAIT',
  LAST_ACK: 'LAST-ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
};

const ASSERT_STATE = /^assert\s+tcpi_state\s*==\s*(?:TCPI?S?_)?([A-Z_0-9]+)\s*(?:,.*)?$/;
const ASSERT_COUNT = /^assert\s+tcpi_(probes|backoff)\s*==\s*(\d+)\s*(?:,.*)?$/;

/** The engine's connection under test, while its TCB exists. */
function infoUnderTest(ctx: RunContext): SocketInfo | undefined {
  const s = ctx.sut;
  if (!s) return undefined;
  for (const id of ctx.world.sockets()) {
    const info = ctx.world.info(id);
    if (
      info &&
      info.localPort === s.localPort &&
      info.remotePort === s.remotePort &&
      info.state !== 'LISTEN'
    ) {
      return info;
    }
  }
  return undefined;
}

/** The engine's state for the connection under test; CLOSED once the TCB is gone. */
function stateUnderTest(ctx: RunContext): TcpState {
  const info = infoUnderTest(ctx);
  if (info) return info.state;
  return ctx.sut?.phase === 'listening' ? 'LISTEN' : 'CLOSED';
}

/** `assert tcpi_probes == N` or `tcpi_backoff == N`: null when it holds. */
function judgeCount(
  ctx: RunContext,
  field: 'probes' | 'backoff',
  expected: number,
): Verdict | null {
  const actual = infoUnderTest(ctx)?.[field];
  if (actual === undefined) {
    return { status: 'not-applicable', reason: `tcpi_${field}: no connection under test` };
  }
  if (actual === expected) return null;
  return {
    status: 'failed',
    reason: `tcpi_${field}: expected ${expected} vs actual ${actual}`,
    expected: String(expected),
    actual: String(actual),
  };
}

export function judgeCode(ctx: RunContext, code: string): Verdict {
  const statements = code
    .replace(/\\[ \t]*\r?\n/g, ' ') // Python's explicit line joining
    .split(/\n|;/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#'));
  const unchecked = statements.filter((s) => !ASSERT_STATE.test(s) && !ASSERT_COUNT.test(s));
  const actual = stateUnderTest(ctx);
  for (const statement of statements) {
    const count = ASSERT_COUNT.exec(statement);
    if (count) {
      const verdict = judgeCount(ctx, count[1] as 'probes' | 'backoff', Number(count[2]));
      if (verdict) return verdict;
      continue;
    }
    const name = ASSERT_STATE.exec(statement)?.[1];
    if (name === undefined) continue;
    const expected = STATES[name];
    if (expected === undefined)
      return { status: 'failed', reason: `unknown TCP state name ${name}` };
    if (expected !== actual) {
      return {
        status: 'failed',
        reason: `tcpi_state: expected ${expected} vs actual ${actual}`,
        expected,
        actual,
      };
    }
  }
  if (unchecked.length > 0) {
    return {
      status: 'not-applicable',
      reason: `only tcpi_state, tcpi_probes and tcpi_backoff assertions are checked; not modeled: ${unchecked.join('; ')}`,
    };
  }
  return { status: 'passed' };
}
