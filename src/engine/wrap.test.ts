import { describe, expect, it } from 'vitest';
import { profiles } from './profiles';
import { establishedPair } from './testing/pair';

/** Runs a whole conversation and returns what each side received, its end states and the trace. */
function conversation(isnA: number, isnB: number, profile = profiles.linux) {
  const { pair, a, b } = establishedPair({
    profile,
    isnA: { mode: 'fixed', value: isnA },
    isnB: { mode: 'fixed', value: isnB },
  });
  const data = new Uint8Array(40000).map((_, i) => i % 251);
  pair.call('A', { call: 'send', socket: a, data });
  pair.call('B', { call: 'send', socket: b, data: data.subarray(0, 3000) });
  for (let i = 0; i < 50; i++) {
    pair.advance(100);
    pair.call('A', { call: 'receive', socket: a });
    pair.call('B', { call: 'receive', socket: b });
  }
  pair.call('A', { call: 'close', socket: a });
  pair.settle();
  pair.call('B', { call: 'close', socket: b });
  pair.settle();
  const join = (chunks: Uint8Array[]) => Buffer.concat(chunks);
  return {
    toB: join(pair.delivered.B),
    toA: join(pair.delivered.A),
    data,
    states: [pair.info('A', a)?.state, pair.info('B', b)?.state],
    shape: pair.trace.map((l) => l.replace(/seq=\d+ /, '').replace(/ack=\d+ /, '')),
  };
}

describe('sequence-number wrap', () => {
  it.each([4294967295, 4294967294, 4294967000])('ISN %d works exactly like ISN 700', (isn) => {
    const base = conversation(700, 200);
    const wrapped = conversation(isn, isn);
    expect(wrapped.toB.equals(Buffer.from(wrapped.data))).toBe(true);
    expect(wrapped.toA.equals(Buffer.from(wrapped.data.subarray(0, 3000)))).toBe(true);
    expect(wrapped.states).toEqual(['TIME-WAIT', undefined]);
    expect(wrapped.shape).toEqual(base.shape);
  });
});
