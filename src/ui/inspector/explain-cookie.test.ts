/**
 * The inspector explains a SYN cookie: in syn-cookies the SYN-ACK the server answers the client
 * with, its queue full, is decoded bit by bit from its own sequence number.
 */
import { describe, expect, it } from 'vitest';
import { presets } from '../../sim/presets';
import { runScenario } from '../../sim/run';
import type { SendEvent } from '../../sim/trace';
import { deriveTraceFacts } from '../format/trace-facts';
import { explainSeq } from './explain-numbers';

describe('a SYN cookie in the inspector (RFC 4987 §3.6)', () => {
  const preset = presets.find((p) => p.name === 'syn-cookies');
  if (preset === undefined) throw new Error('syn-cookies preset is missing');
  const run = runScenario(preset.scenario);
  const facts = deriveTraceFacts(run.trace, 'absolute', run.endpoints);
  const sends = run.trace.filter((e): e is SendEvent => e.type === 'send');
  const cookie = sends.find((e) => e.synCookie && e.to === 'client');

  it("marks the server's stateless SYN-ACK to the client as a cookie", () => {
    expect(cookie).toMatchObject({ from: 'server', flags: ['SYN', 'ACK'], ack: 701 });
    // The server's first SYN-ACKs, while its queue had room, kept state: no cookie.
    expect(sends.find((e) => e.from === 'server')?.synCookie).toBeUndefined();
  });

  it('decodes the counter, the MSS and the hash from the sequence number itself', () => {
    const seq = cookie?.seq ?? 0;
    const text = explainSeq(cookie as SendEvent, facts);
    expect(text).toContain('keeps no state');
    expect(text).toContain(`Top 5 bits: ${seq >>> 27},`);
    expect(text).toContain(`next 3 bits: ${(seq >>> 24) & 7}, the MSS 1460`);
    expect(text).toContain(`0x${(seq & 0xffffff).toString(16).padStart(6, '0')}`);
    expect(text).toContain("the client's ISN 700");
    expect(text).toContain('secure_tcp_syn_cookie()');
  });
});
