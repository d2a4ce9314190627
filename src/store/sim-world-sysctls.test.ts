import { describe, expect, it } from 'vitest';
import { getPreset } from '../sim';
import { createSimWorld, presetDefaults, scenarioFor } from './sim-world';

describe('the sysctls run setting', () => {
  it("adds to a linux endpoint's own sysctls and leaves another profile's table alone", () => {
    const preset = getPreset('syn-flood');
    if (!preset) throw new Error('no syn-flood preset');
    const settings = { ...presetDefaults(preset), sysctls: 'server.tcp_synack_retries:2' };
    const server = scenarioFor(preset, settings).endpoints.find((e) => e.name === 'server');
    expect(server?.sysctls).toEqual({ tcp_syncookies: 0, tcp_synack_retries: 2 });
    const bsd = scenarioFor(preset, { ...settings, profile: 'freebsd' });
    expect(bsd.endpoints.find((e) => e.name === 'server')?.sysctls).toEqual({
      tcp_syncookies: 0,
    });
  });

  it('re-runs with them: tcp_syn_retries 1 and no linear timeouts leave two SYNs in syn-timeout', () => {
    const world = createSimWorld();
    const settings = {
      ...world.defaults('syn-timeout'),
      sysctls: 'client.tcp_syn_linear_timeouts:0,client.tcp_syn_retries:1',
    };
    const run = world.run(settings, []);
    expect(run.trace.filter((e) => e.type === 'send')).toHaveLength(2);
    const client = run.endpoints.find((e) => e.name === 'client');
    expect(client?.stack?.profile.synRetries).toBe(1);
    expect(client?.stack?.sysctls).toEqual({ tcp_syn_linear_timeouts: 0, tcp_syn_retries: 1 });
  });
});
