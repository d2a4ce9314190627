import { describe, expect, it } from 'vitest';
import { getPreset, runScenario, validateScenario } from '../../sim';
import { firewallLog } from './firewall-log';
import { deriveTraceFacts } from './trace-facts';

function logOf(scenario: Parameters<typeof runScenario>[0]) {
  const run = runScenario(scenario);
  return firewallLog(run.trace, deriveTraceFacts(run.trace, 'absolute', run.endpoints));
}

describe('the firewall log', () => {
  it('filtered-port: lists each dropped SYN with its time, 4-tuple and rule, and no answer', () => {
    const preset = getPreset('filtered-port');
    if (!preset) throw new Error('no filtered-port preset');
    const log = logOf(preset.scenario);
    // Linux 6.x retries a SYN 10 times (tcp_syn_retries 6 + tcp_syn_linear_timeouts 4), a
    // second apart and then doubling: 11 SYNs, all stopped half-way.
    expect(log.map((e) => (e.t - 35) / 1000)).toEqual([0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
    for (const e of log) {
      expect(e).toMatchObject({
        verdict: 'dropped',
        tuple: '10.0.0.1:49152 → 10.0.0.2:80',
        rule: 'rule 1: drop every segment c2s to port 80',
      });
      expect(e.segment).toMatch(/^SYN /);
      expect(e.answer).toMatch(/^nothing/);
    }
  });

  it('a rejecting rule is logged as refused, with the reset forged in the server’s name', () => {
    const result = validateScenario({
      endpoints: [
        { name: 'client', address: '10.0.0.1', port: 49152, isn: 700 },
        { name: 'server', address: '10.0.0.2', port: 80, isn: 200 },
      ],
      firewall: [
        { direction: 'c2s', port: 22, action: 'drop' },
        { direction: 'c2s', port: 80, match: 'SYN', action: 'reject' },
      ],
      calls: [
        { at: 0, endpoint: 'server', call: 'listen' },
        { at: 10, endpoint: 'client', call: 'connect', to: 'server' },
      ],
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const log = logOf(result.scenario);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      t: 35,
      id: 1,
      verdict: 'refused',
      rule: 'rule 2: reject SYN c2s to port 80',
    });
    expect(log[0]?.answer).toMatch(/^a forged RST-ACK seq=0 ack=701 \(#2\) in server's name$/);
  });
});
