import { describe, expect, it } from 'vitest';
import { getPreset, runScenario } from '../../sim';
import type { SendEvent } from '../../sim/trace';
import { deriveTraceFacts } from '../format/trace-facts';
import { fieldRows } from './field-rows';

const preset = getPreset('load-balancer');
if (!preset) throw new Error('no load-balancer preset');
const run = runScenario(preset.scenario);
const facts = deriveTraceFacts(run.trace, 'absolute', run.endpoints);
const send = (id: number) =>
  run.trace.find((e): e is SendEvent => e.type === 'send' && e.id === id) as SendEvent;
const why = (id: number, row: string) =>
  fieldRows(send(id), facts).find((r) => r.id === row)?.why ?? '';

describe('the inspector on segments a load balancer forwarded', () => {
  it('the rewritten destination port says what it was and that the checksums are new', () => {
    // #3: the client's SYN (#1) on its way to the server.
    expect(why(3, 'dstPort')).toBe(
      '80: the balancer rewrote 10.0.0.100:80 to 10.0.1.11:80: destination NAT sends the flow to its backend server; the IPv4 and TCP checksums cover the addresses and are computed anew (RFC 2391, RFC 9293 §3.1).',
    );
    expect(why(3, 'srcPort')).toBe(
      '49152: unchanged from #1: the balancer rewrites only the destination (RFC 2391).',
    );
  });

  it('the sequence number, acknowledgment and window are the sender’s, unchanged', () => {
    expect(why(3, 'seq')).toBe(
      "1000: unchanged from #1: the balancer rewrites only the destination address and port, so the sequence number is the client's (RFC 2391).",
    );
    // The server's SYN-ACK on its way back to the client, its source rewritten.
    const reply = run.trace.find(
      (e): e is SendEvent => e.type === 'send' && e.rewrite?.field === 'src',
    );
    const back = reply?.id ?? -1;
    expect(reply?.flags).toEqual(['SYN', 'ACK']);
    expect(why(back, 'srcPort')).toMatch(
      /^80: the balancer rewrote 10\.0\.1\.11:80 to 10\.0\.0\.100:80: source NAT/,
    );
    expect(why(back, 'window')).toMatch(
      new RegExp(`^64240: unchanged from #${reply?.rewrite?.of}: .* so the window is the server's`),
    );
  });

  it('a health check’s SYN carries the probe’s own initial sequence number', () => {
    const probe = run.trace.find(
      (e): e is SendEvent => e.type === 'send' && !!e.healthCheck && e.flags.join() === 'SYN',
    );
    expect(why(probe?.id ?? -1, 'seq')).toMatch(/the health check's own initial sequence number/);
  });
});
