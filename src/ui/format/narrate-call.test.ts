import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../sim/trace';
import { narrateCall } from './narrate-call';

const call = (
  c: string,
  args: CallEvent['args'],
  result: CallEvent['result'] = 'ok',
): CallEvent => ({
  t: 0,
  type: 'call',
  endpoint: 'client',
  call: c,
  args,
  result,
});

describe('narrateCall', () => {
  it('names the local port a connect() was asked to use, when the scenario gives one', () => {
    expect(
      narrateCall(call('connect', { to: 'server', remote: '10.0.0.2:80', port: '49153' })),
    ).toBe(
      "The client's application asks to connect to 10.0.0.2:80 from its port 49153: an active OPEN (RFC 9293 §3.10.1).",
    );
    expect(narrateCall(call('connect', { to: 'server', remote: '10.0.0.2:80' }))).not.toMatch(
      /port/,
    );
  });

  it('tells an accept() on a socket that does not listen as a failure', () => {
    expect(narrateCall({ ...call('accept', {}, 'EINVAL'), endpoint: 'server' })).toMatch(
      /^The server's application accepts the connection .*; the call fails with .*EINVAL/,
    );
  });
});
