/**
 * A listener's children told apart: on the syn-flood preset's run, every state change and timer
 * of the server belongs to one 4-tuple, the spoofed sources' half-open connections and the
 * client's are numbered in the order they appeared, and the listening socket has no number. A
 * two-party run numbers nothing.
 */
import { describe, expect, it } from 'vitest';
import { presets } from '../sim/presets';
import { runScenario } from '../sim/run';
import { childNumber, laneConnections } from './connections';
import { buildTimeline } from './timeline';

function timelineOf(name: string) {
  const preset = presets.find((p) => p.name === name);
  if (preset === undefined) throw new Error(`${name} preset is missing`);
  return buildTimeline(runScenario(preset.scenario));
}

describe('the connections of a server under a SYN flood', () => {
  const timeline = timelineOf('syn-flood');
  const lanes = laneConnections(timeline);
  const server = lanes.children.get('server') ?? [];

  it("numbers the four spoofed sources' half-open connections, then the client's", () => {
    expect(server.map((c) => c.peer)).toEqual([
      '198.51.100.1:1024',
      '198.51.100.2:1024',
      '198.51.100.3:1024',
      '198.51.100.4:1024',
      '10.0.0.1:49152',
    ]);
    expect(server.map((c) => c.n)).toEqual([1, 2, 3, 4, 5]);
  });

  it('ties each state change to the connection whose segment or timer caused it', () => {
    const changes = timeline.states.get('server') ?? [];
    const of = (i: number) => {
      const change = changes[i];
      if (!change) throw new Error(`no change ${i}`);
      const key = lanes.ofState.get(change.index) ?? '';
      return [change.to, childNumber(lanes, 'server', key) ?? 'listener'];
    };
    // listen() makes the listening socket; each spoofed SYN a child in SYN-RECEIVED.
    expect(of(0)).toEqual(['LISTEN', 'listener']);
    expect([1, 2, 3, 4].map(of)).toEqual([
      ['SYN-RECEIVED', 1],
      ['SYN-RECEIVED', 2],
      ['SYN-RECEIVED', 3],
      ['SYN-RECEIVED', 4],
    ]);
    // Each child's last SYN-ACK timeout drops it (RFC 9293 §3.8.3); the client's then gets in.
    expect([5, 6, 7, 8].map(of).map(([, n]) => n)).toEqual([1, 2, 3, 4]);
    expect(of(changes.length - 1)).toEqual(['ESTABLISHED', 5]);
  });

  it("gives every timer of the server its own connection's number", () => {
    const timers = timeline.timers.filter((t) => t.endpoint === 'server');
    for (const timer of timers) {
      expect(childNumber(lanes, 'server', timer.connection)).toBeGreaterThan(0);
    }
  });
});

describe('a run of one connection a side', () => {
  it('numbers nothing: its notes need no number', () => {
    expect(laneConnections(timelineOf('handshake')).children.size).toBe(0);
    expect(laneConnections(timelineOf('active-close')).children.size).toBe(0);
  });
});
