import { describe, expect, it } from 'vitest';
import { flagNames } from '../engine';
import { seq } from '../engine';
import { Flag, type CongestionNote, type Packet } from '../engine';
import { originalOf } from './first-transmissions';
import { EndpointLabels, flagList, OptionLists, sendEvent } from './send-record';
import { presets } from './presets';
import { runScenario } from './run';
import type { SendEvent, TraceEvent } from './trace';

function packet(
  seqNo: number,
  flags: number,
  srcPort = 49152,
  dst = '10.0.0.2',
  options: Packet['segment']['options'] = [],
): Packet {
  return {
    src: '10.0.0.1',
    dst,
    segment: {
      srcPort,
      dstPort: 80,
      seq: seq(seqNo),
      ack: seq(0),
      flags,
      window: 64240,
      urgent: 0,
      options,
      payload: new Uint8Array(0),
    },
  };
}

describe('shared pieces of send events', () => {
  it('names the flags of every flag byte as the engine does, in a list nobody can change', () => {
    for (let flags = 0; flags < 256; flags++) {
      expect(flagList(flags)).toEqual(flagNames(flags));
      expect(Object.isFrozen(flagList(flags))).toBe(true);
    }
  });

  it('labels an address and port as address:port', () => {
    const labels = new EndpointLabels();
    expect(labels.label('10.0.0.1', 49152)).toBe('10.0.0.1:49152');
    expect(labels.label('10.0.0.1', 80)).toBe('10.0.0.1:80');
    expect(labels.label('10.0.0.1', 49152)).toBe('10.0.0.1:49152');
  });
});

describe('option lists of send events', () => {
  const ts = (val: number, ecr: number) => [{ kind: 'ts', val, ecr } as const];

  it('shares one list across a burst of segments with the same options', () => {
    const lists = new OptionLists();
    const first = lists.list('client', packet(1, Flag.ACK, 49152, '10.0.0.2', ts(5, 9)));
    const second = lists.list('client', packet(2, Flag.ACK, 49152, '10.0.0.2', ts(5, 9)));
    expect(second).toBe(first);
    expect(second).toEqual([{ kind: 'ts', val: 5, ecr: 9 }]);
  });

  it('keeps each segment its own options when they differ', () => {
    const lists = new OptionLists();
    lists.list('client', packet(1, Flag.ACK, 49152, '10.0.0.2', ts(5, 9)));
    expect(lists.list('client', packet(2, Flag.ACK, 49152, '10.0.0.2', ts(6, 9)))).toEqual(
      ts(6, 9),
    );
    const sack = [{ kind: 'sack', blocks: [[seq(10), seq(20)]] } as const];
    const other = [{ kind: 'sack', blocks: [[seq(10), seq(30)]] } as const];
    lists.list('server', packet(1, Flag.ACK, 80, '10.0.0.1', sack));
    expect(lists.list('server', packet(1, Flag.ACK, 80, '10.0.0.1', other))).toEqual(other);
    expect(lists.list('client', packet(3, Flag.ACK))).toEqual([]);
  });
});

describe('linking a retransmission to its first transmission', () => {
  const shared = { labels: new EndpointLabels(), options: new OptionLists() };
  /** The trace's send event of a first transmission (retransmit 0) of `p` by `from`. */
  const sent = (id: number, p: Packet, from = 'client', retransmit = 0): SendEvent =>
    sendEvent(shared, p, id, id, from, 'server', retransmit, undefined, '', 'arrives', id + 50);
  const find = (trace: readonly TraceEvent[], p: Packet, from = 'client') =>
    originalOf(trace, from, shared.labels.label(p.dst, p.segment.dstPort), p);

  it('finds the latest segment with the same sequence number and flags, PSH aside', () => {
    const trace = [
      sent(3, packet(701, Flag.ACK | Flag.PSH)),
      sent(4, packet(701, Flag.ACK | Flag.FIN)),
      sent(5, packet(2161, Flag.ACK)),
    ];
    expect(find(trace, packet(701, Flag.ACK))).toBe(3);
    expect(find(trace, packet(701, Flag.ACK | Flag.FIN))).toBe(4);
    expect(find([...trace, sent(6, packet(701, Flag.ACK))], packet(701, Flag.ACK))).toBe(6);
  });

  it('falls back to the earliest with the same sequence number when a FIN is added', () => {
    const trace = [
      sent(7, packet(4294967295, Flag.ACK | Flag.PSH)),
      sent(8, packet(4294967295, Flag.ACK | Flag.URG)),
    ];
    expect(find(trace, packet(4294967295, Flag.ACK | Flag.FIN))).toBe(7);
  });

  it('keeps connections and senders apart', () => {
    const trace = [sent(1, packet(701, Flag.SYN))];
    expect(find(trace, packet(701, Flag.SYN, 49153))).toBeUndefined();
    expect(find(trace, packet(701, Flag.SYN, 152))).toBeUndefined();
    expect(find(trace, packet(701, Flag.SYN, 49152, '10.0.0.3'))).toBeUndefined();
    expect(find(trace, packet(701, Flag.SYN), 'other')).toBeUndefined();
    expect(find(trace, packet(701, Flag.SYN))).toBe(1);
  });

  it('links to first transmissions only, never to a retransmission or a forged segment', () => {
    const forged: SendEvent = { ...sent(2, packet(701, Flag.ACK)), forgedBy: 'firewall' };
    const trace = [
      sent(1, packet(701, Flag.ACK | Flag.FIN)),
      forged,
      sent(3, packet(701, Flag.ACK), 'client', 1),
    ];
    expect(find(trace, packet(701, Flag.ACK))).toBe(1);
  });

  it('reads only the trace it is given, so a snapshot (its prefix) and the run go their own ways', () => {
    const past = [sent(1, packet(701, Flag.ACK | Flag.PSH))];
    const run = [
      ...past,
      sent(2, packet(701, Flag.ACK | Flag.FIN)),
      sent(3, packet(2161, Flag.ACK)),
    ];
    const fork = [...past, sent(9, packet(2161, Flag.ACK))];
    expect(find(run, packet(701, Flag.ACK | Flag.FIN))).toBe(2);
    expect(find(fork, packet(701, Flag.ACK | Flag.FIN))).toBe(1);
    expect(find(run, packet(2161, Flag.ACK))).toBe(3);
    expect(find(fork, packet(2161, Flag.ACK))).toBe(9);
  });
});

describe("a send event's JSON form (saved runs, the CLI's jsonl, exports)", () => {
  /** Every field a world's send event may have, in the order its JSON has always had. */
  const ORDER = [
    't',
    'type',
    'id',
    'from',
    'to',
    'src',
    'dst',
    'flags',
    'seq',
    'ack',
    'len',
    'win',
    'options',
    'retransmit',
    'original',
    'payload',
    'arrivesAt',
    'dropsAt',
    'forgedBy',
    'udp',
    'ip',
    'synCookie',
    'congestion',
    'rewrite',
    'healthCheck',
  ];

  it('keeps its fields in that order whichever of them a segment has, the congestion note last', () => {
    const shapes = new Set<string>();
    for (const preset of presets) {
      for (const event of runScenario(preset.scenario).trace) {
        if (event.type !== 'send') continue;
        const keys = Object.keys(event);
        expect(keys).toEqual(ORDER.filter((key) => key in event));
        shapes.add(keys.join());
      }
    }
    // The presets reach a data segment's note after an arrival, after a loss half-way, and on
    // a retransmission, so each way the note is placed is checked.
    const withNote = [...shapes].filter((s) => s.endsWith('congestion'));
    expect(withNote.some((s) => s.includes('arrivesAt') && !s.includes('original'))).toBe(true);
    expect(withNote.some((s) => s.includes('dropsAt'))).toBe(true);
    expect(withNote.some((s) => s.includes('original'))).toBe(true);
  });

  it('names a congestion note given for the event after its arrival or loss time', () => {
    const shared = { labels: new EndpointLabels(), options: new OptionLists() };
    const note: CongestionNote = { cwnd: 14600, ssthresh: null, smss: 1460, phase: 'slow-start' };
    const p = packet(701, Flag.ACK);
    const arrives = sendEvent(
      shared,
      p,
      1,
      1,
      'client',
      'server',
      0,
      undefined,
      '',
      'arrives',
      51,
      note,
    );
    const lost = sendEvent(shared, p, 2, 2, 'client', 'server', 1, 1, '', 'drops', 26, note);
    expect(Object.keys(arrives).slice(-3)).toEqual(['payload', 'arrivesAt', 'congestion']);
    expect(Object.keys(lost).slice(-4)).toEqual(['original', 'payload', 'dropsAt', 'congestion']);
    expect(arrives.congestion).toBe(note);
    expect(lost.congestion).toBe(note);
  });
});
