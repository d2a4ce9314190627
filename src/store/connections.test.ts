/**
 * A listener's children told apart: on the syn-flood preset's run, every state change and timer
 * of the server belongs to one 4-tuple, the spoofed sources' half-open connections and the
 * client's are numbered in the order they appeared, and the listening socket has no number. A
 * two-party run numbers nothing. A load balancer's health-check probes are marked as probes, and
 * a backend's state badge does not follow them. The connection the run is busy with at each
 * moment is the one a collapsed legend keeps in view.
 */
import { describe, expect, it } from 'vitest';
import { presets } from '../sim/presets';
import { runScenario } from '../sim/run';
import { childNumber, currentConnection, headStateAt, laneConnections } from './connections';
import { stateAt } from './world-at';
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

describe("a load balancer's backends", () => {
  const timeline = timelineOf('load-balancer');
  const lanes = laneConnections(timeline);
  const server = lanes.children.get('server') ?? [];

  it('marks the health checks as probes and the clients as not', () => {
    const probes = server.filter((c) => c.probe);
    expect(probes.length).toBeGreaterThan(0);
    // Every probe comes from the balancer; every other connection is a client's.
    for (const c of server) expect(c.probe, c.peer).toBe(!c.peer.startsWith('10.0.0.'));
  });

  it('numbers each connection from the event where it first shows, in that order', () => {
    const firsts = server.map((c) => c.firstIndex);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    for (const c of server) {
      const own = (timeline.states.get('server') ?? []).filter(
        (change) => lanes.ofState.get(change.index) === c.key,
      );
      if (own[0] !== undefined) expect(c.firstIndex).toBeLessThanOrEqual(own[0].index);
    }
  });

  it("shows on the backend's badge the state of its listener and clients, never a probe's", () => {
    const changes = timeline.states.get('server') ?? [];
    const probeStates = changes.filter((c) => lanes.probes.has(lanes.ofState.get(c.index) ?? ''));
    expect(probeStates.length).toBeGreaterThan(0);
    let flickers = 0;
    for (const change of probeStates) {
      const badge = headStateAt(timeline, 'server', change.index);
      if (badge !== stateAt(timeline, 'server', change.index)) flickers++;
      // The badge stays what the last change of a non-probe connection made it.
      const before = changes.filter(
        (c) => c.index <= change.index && !lanes.probes.has(lanes.ofState.get(c.index) ?? ''),
      );
      expect(badge).toBe(before.at(-1)?.to ?? timeline.initialStates.get('server') ?? 'CLOSED');
    }
    // Without it the badge would have followed the probes (SYN-RECEIVED and back).
    expect(flickers).toBeGreaterThan(0);
  });
});

describe('the connection the run is busy with', () => {
  it("is the flood's newest half-open child, then the client's once it gets in (syn-flood)", () => {
    const timeline = timelineOf('syn-flood');
    const server = laneConnections(timeline).children.get('server') ?? [];
    const listen = (timeline.states.get('server') ?? [])[0]?.index ?? 0;
    // Before any child (the listen() call) there is none to show.
    expect(currentConnection(timeline, listen)).toBeUndefined();
    const fourth = server[3];
    expect(currentConnection(timeline, fourth?.firstIndex ?? -1)).toEqual(fourth);
    // At the end the client's connection (5) is the one established.
    expect(currentConnection(timeline, timeline.events.length - 1)?.n).toBe(5);
  });

  it("passes over a balancer's health checks to the client's connection they interleave", () => {
    const timeline = timelineOf('load-balancer');
    const lanes = laneConnections(timeline);
    let probeEvents = 0;
    for (let i = 0; i < timeline.events.length; i++) {
      const current = currentConnection(timeline, i);
      if (current === undefined) continue;
      expect(current.probe).toBe(false);
      expect(current.firstIndex).toBeLessThanOrEqual(i);
      const event = timeline.events[i];
      if (event?.type === 'send' && event.healthCheck === true) probeEvents++;
    }
    expect(probeEvents).toBeGreaterThan(0);
    // A client's segment arriving at a backend makes its connection the current one.
    const arrival = timeline.events.findIndex((e, i) => {
      if (e.type !== 'deliver') return false;
      const send = timeline.spanById[e.id]?.send;
      const child = lanes.children
        .get(send?.to ?? '')
        ?.find((c) => c.key === `${send?.to} ${send?.dst}-${send?.src}`);
      return child !== undefined && !child.probe && child.firstIndex <= i;
    });
    expect(arrival).toBeGreaterThan(0);
    const send = timeline.spanById[(timeline.events[arrival] as { id: number }).id]?.send;
    expect(currentConnection(timeline, arrival)?.peer).toBe(`${send?.src}`);
  });
});
