import { describe, expect, it } from 'vitest';
import { addressWords, keyedHash } from './hash';
import { chooseIsn, isnClock, tupleHash } from './isn';

const tuple = {
  localAddress: '10.0.0.1',
  localPort: 49152,
  remoteAddress: '10.0.0.2',
  remotePort: 80,
};

describe('ISN generator (RFC 9293 §3.4.1)', () => {
  it('fixed mode gives the configured number (textbook 700)', () => {
    expect(chooseIsn({ mode: 'fixed', value: 700 }, tuple, 12345)).toBe(700);
  });

  it('M ticks every 4 microseconds', () => {
    expect(isnClock(1)).toBe(250);
    expect(isnClock(0.004)).toBe(1);
  });

  it('the same 4-tuple and key advance with the clock: ISN(t + 1 ms) = ISN(t) + 250', () => {
    const config = { mode: 'rfc', key: 42 } as const;
    const a = chooseIsn(config, tuple, 1000);
    const b = chooseIsn(config, tuple, 1001);
    expect((b - a) >>> 0).toBe(250);
  });

  it('F differs between 4-tuples and between keys', () => {
    const a = chooseIsn({ mode: 'rfc', key: 42 }, tuple, 0);
    const b = chooseIsn({ mode: 'rfc', key: 42 }, { ...tuple, localPort: 49153 }, 0);
    const c = chooseIsn({ mode: 'rfc', key: 43 }, tuple, 0);
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('F is the keyed hash of local address, local port, remote address, remote port and salt', () => {
    const v6 = { ...tuple, localAddress: '2001:db8::1', remoteAddress: '2001:db8::2' };
    for (const t of [tuple, v6]) {
      for (const salt of [0, 0x7453]) {
        const words = [
          ...addressWords(t.localAddress),
          t.localPort,
          ...addressWords(t.remoteAddress),
          t.remotePort,
          salt,
        ];
        expect(tupleHash(0x1234abcd, t, salt)).toBe(keyedHash(0x1234abcd, words));
      }
    }
  });
});
