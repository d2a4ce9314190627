/**
 * Replaying a capture's opening through the engine: the lab's own runs, written as the pcaps a
 * user would open, replayed under the profile that made them agree segment for segment, and
 * under another profile part ways exactly where the two stacks differ.
 */
import { describe, expect, it } from 'vitest';
import { getPreset, runScenario } from '../../sim';
import { writePcap } from '../../wire/pcap';
import { readCapture, type CapturePacket } from '../../wire/read-capture';
import { listConversations } from '../../wire/conversation/conversations';
import { replayOpening, type Replay } from './replay';
import { drawReplay } from './replay-trace';
import { conversationToTrace } from '../../wire/conversation/to-trace';
import type { ProfileName } from '../../engine';

function captureOf(preset: string): { packets: readonly CapturePacket[] } {
  const found = getPreset(preset);
  if (!found) throw new Error(`no preset ${preset}`);
  const run = runScenario(found.scenario);
  const reading = readCapture(writePcap(run.trace, { captureAt: 'server' }));
  if (!reading.ok) throw new Error(reading.message);
  return { packets: reading.capture.packets };
}

function replay(preset: string, profile: ProfileName): Replay {
  const { packets } = captureOf(preset);
  const conversation = listConversations(packets)[0];
  if (!conversation) throw new Error('no conversation');
  const outcome = replayOpening(packets, conversation, profile);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.replay;
}

describe('replaying a capture’s opening through the engine', () => {
  it('agrees with a Linux server when replayed under linux', () => {
    const result = replay('handshake-data', 'linux');
    expect(result.compared).toBeGreaterThan(0);
    expect(result.differences).toEqual([]);
  });

  it('agrees with a Linux server over IPv6: the engine, an IPv6 host too, announces MSS 1440', () => {
    const result = replay('handshake-ipv6', 'linux');
    expect(result.compared).toBeGreaterThan(0);
    // The SYN-ACK (MSS 1440, window 64800) agrees. Past the handshake only the window of the
    // ACKs of the client's data may differ: the lab's server read the data as it came, and a
    // replay has no application to read it (as a packetdrill script that never calls read).
    expect(result.differences.filter((d) => d.captured !== null && d.captured <= 2)).toEqual([]);
    for (const d of result.differences) expect(d.fields.join()).toMatch(/^window: /);
  });

  it('agrees through a lost SYN-ACK: the engine resends it at the same RTO', () => {
    const result = replay('lost-syn-ack', 'linux');
    expect(result.compared).toBeGreaterThanOrEqual(2);
    expect(result.differences).toEqual([]);
  });

  it('agrees with a refusal: no listener, so the SYN gets RST-ACK (RFC 9293 §3.10.7.1)', () => {
    const result = replay('closed-port', 'linux');
    expect(result.compared).toBe(1);
    expect(result.differences).toEqual([]);
  });

  it('names the fields where the RFC profile answers a Linux SYN differently', () => {
    const result = replay('handshake', 'rfc');
    const synAck = result.differences[0];
    expect(synAck?.captured).toBe(1);
    expect(synAck?.server).toMatch(
      /^SYN-ACK seq=0 ack=1 win=\d+ <mss 1460,sackOK,TS,nop,wscale 7>$/,
    );
    expect(synAck?.engine).toBe('SYN-ACK seq=0 ack=1 win=65535 <mss 1460>');
    expect(synAck?.fields).toContain(
      'options: server <mss 1460,sackOK,TS,nop,wscale 7>, rfc <mss 1460>',
    );
  });

  it('shows a server that announces its own options (MSS 1400, no SACK or timestamps)', () => {
    const result = replay('options-negotiation', 'linux');
    const synAck = result.differences.find((d) => d.server?.startsWith('SYN-ACK'));
    expect(synAck?.fields.some((f) => f.startsWith('options: server <mss 1400,'))).toBe(true);
    expect(synAck?.engine).toContain('<mss 1460,sackOK,TS,nop,wscale 7>');
  });

  it('stops before the server’s first data, which its application chose to send', () => {
    const result = replay('handshake-data', 'linux');
    expect(result.end).toMatch(/before the server's first (data|FIN)|at the end of the capture/);
  });

  it('refuses a conversation captured after its SYN, with one message', () => {
    const { packets } = captureOf('handshake-data');
    const withoutSyn = packets.slice(1);
    const conversation = listConversations(withoutSyn)[0];
    if (!conversation) throw new Error('no conversation');
    const outcome = replayOpening(withoutSyn, conversation, 'linux');
    expect(outcome).toEqual({
      ok: false,
      message:
        'This conversation was captured after its SYN: a replay needs the opening, from the first SYN.',
    });
  });
});

describe('a replay drawn on its capture', () => {
  it('marks the captured SYN-ACK and draws the engine’s beside it, server to client', () => {
    const { packets } = captureOf('handshake');
    const conversation = listConversations(packets)[0];
    if (!conversation) throw new Error('no conversation');
    const outcome = replayOpening(packets, conversation, 'rfc');
    if (!outcome.ok) throw new Error(outcome.message);
    const drawn = conversationToTrace(packets, conversation);
    const { trace, ghosts } = drawReplay(drawn.trace, outcome.replay, {
      client: 'client',
      server: 'server',
    });
    const synAck = trace.find((e) => e.type === 'send' && e.id === 2);
    expect(synAck?.type === 'send' && synAck.replay).toMatchObject({
      profile: 'rfc',
      engine: 'SYN-ACK seq=0 ack=1 win=65535 <mss 1460>',
    });
    const untouched = trace.filter((e) => e.type === 'send' && e.id !== 2);
    expect(untouched.every((e) => e.type === 'send' && e.replay === undefined)).toBe(true);
    expect(ghosts).toHaveLength(1);
    expect(ghosts[0]).toMatchObject({
      from: 'server',
      to: 'client',
      caption: 'rfc: SYN-ACK seq=0 ack=1 win=65535 <mss 1460>',
      note: "(the engine's instead of #2)",
    });
    expect(ghosts[0]!.endsAt).toBeGreaterThan(ghosts[0]!.t);
  });
});
