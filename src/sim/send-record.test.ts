import { describe, expect, it } from 'vitest';
import { flagNames } from '../engine';
import { seq } from '../engine';
import { Flag, type Packet } from '../engine';
import { FirstTransmissions } from './first-transmissions';
import { EndpointLabels, flagList, OptionLists } from './send-record';

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
  it('finds the first segment with the same sequence number and flags, PSH aside', () => {
    const first = new FirstTransmissions();
    first.record('client', packet(701, Flag.ACK | Flag.PSH), 3);
    first.record('client', packet(701, Flag.ACK | Flag.FIN), 4);
    expect(first.originalOf('client', packet(701, Flag.ACK))).toBe(3);
    expect(first.originalOf('client', packet(701, Flag.ACK | Flag.FIN))).toBe(4);
  });

  it('falls back to the same sequence number when the retransmission adds a FIN', () => {
    const first = new FirstTransmissions();
    first.record('client', packet(4294967295, Flag.ACK | Flag.PSH), 7);
    expect(first.originalOf('client', packet(4294967295, Flag.ACK | Flag.FIN))).toBe(7);
  });

  it('keeps connections and senders apart', () => {
    const first = new FirstTransmissions();
    first.record('client', packet(701, Flag.SYN), 1);
    expect(first.originalOf('client', packet(701, Flag.SYN, 49153))).toBeUndefined();
    expect(first.originalOf('client', packet(701, Flag.SYN, 49152, '10.0.0.3'))).toBeUndefined();
    expect(first.originalOf('other', packet(701, Flag.SYN))).toBeUndefined();
    expect(first.originalOf('client', packet(701, Flag.SYN))).toBe(1);
  });

  it('keeps a snapshot apart from the run it was taken from, each going on from there', () => {
    const run = new FirstTransmissions();
    run.record('client', packet(701, Flag.ACK | Flag.PSH), 1);
    const snapshot = run.copy();
    run.record('client', packet(701, Flag.ACK | Flag.FIN), 2);
    run.record('client', packet(2161, Flag.ACK), 3);
    snapshot.record('client', packet(2161, Flag.ACK), 9);
    expect(run.originalOf('client', packet(701, Flag.ACK | Flag.FIN))).toBe(2);
    expect(snapshot.originalOf('client', packet(701, Flag.ACK | Flag.FIN))).toBe(1);
    expect(run.originalOf('client', packet(2161, Flag.ACK))).toBe(3);
    expect(snapshot.originalOf('client', packet(2161, Flag.ACK))).toBe(9);
  });

  it('links to the latest exact match and the earliest loose one across many snapshots', () => {
    const run = new FirstTransmissions();
    const snapshots: FirstTransmissions[] = [];
    for (let id = 1; id <= 40; id++) {
      run.record('client', packet(700 + id, Flag.ACK), id);
      run.record('client', packet(701, id % 2 === 0 ? Flag.ACK : Flag.ACK | Flag.FIN), 100 + id);
      snapshots.push(run.copy());
    }
    expect(run.originalOf('client', packet(701, Flag.ACK))).toBe(140);
    expect(run.originalOf('client', packet(701, Flag.ACK | Flag.FIN))).toBe(139);
    expect(run.originalOf('client', packet(701, Flag.ACK | Flag.SYN))).toBe(1);
    expect(run.originalOf('client', packet(725, Flag.ACK))).toBe(25);
    expect(snapshots[9]?.originalOf('client', packet(701, Flag.ACK))).toBe(110);
    expect(snapshots[9]?.originalOf('client', packet(725, Flag.ACK))).toBeUndefined();
  });
});
