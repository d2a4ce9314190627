import { describe, expect, it } from 'vitest';
import { createLinkState, roundTime, transmit, wholeAsInteger, type LinkState } from './link';
import { createStream, namedStream } from './rng';
import { DEFAULT_LINK_DIRECTION, type LinkDirection } from './scenario';

function link(settings: Partial<LinkDirection>, seed = 1): LinkState {
  return createLinkState({ ...DEFAULT_LINK_DIRECTION, ...settings }, createStream(seed));
}

describe('link direction', () => {
  it('delivers after the base delay when nothing else is set', () => {
    const l = link({ delay: 50 });
    expect(transmit(l, 100, 60)).toEqual({ lost: false, arrivesAt: 150 });
  });

  it('loses close to the configured fraction over many segments', () => {
    const l = link({ loss: 0.3 });
    let lost = 0;
    for (let i = 0; i < 20000; i++) if (transmit(l, i, 60).lost) lost++;
    expect(lost / 20000).toBeGreaterThan(0.28);
    expect(lost / 20000).toBeLessThan(0.32);
  });

  it('keeps jitter within [delay, delay + jitter] and does not reorder without `reorder`', () => {
    const l = link({ delay: 50, jitter: 20 });
    let last = 0;
    for (let i = 0; i < 1000; i++) {
      const v = transmit(l, i * 5, 60);
      expect(v.arrivesAt).toBeGreaterThanOrEqual(i * 5 + 50);
      expect(v.arrivesAt).toBeLessThanOrEqual(Math.max(i * 5 + 70, last));
      expect(v.arrivesAt).toBeGreaterThanOrEqual(last);
      last = v.arrivesAt;
    }
  });

  it('serializes back-to-back segments at the configured bandwidth', () => {
    // 1,000,000 bit/s: a 1500-byte packet takes 12 ms on the wire.
    const l = link({ delay: 10, bandwidth: 1_000_000 });
    expect(transmit(l, 0, 1500).arrivesAt).toBe(22);
    expect(transmit(l, 0, 1500).arrivesAt).toBe(34);
    expect(transmit(l, 100, 1500).arrivesAt).toBe(122);
  });

  it('duplicates close to the configured fraction, the copy arriving no earlier', () => {
    const l = link({ duplicate: 0.5, jitter: 5 });
    let copies = 0;
    for (let i = 0; i < 4000; i++) {
      const v = transmit(l, i, 60);
      if (v.duplicateAt !== undefined) {
        copies++;
        expect(v.duplicateAt).toBeGreaterThanOrEqual(v.arrivesAt);
      }
    }
    expect(copies / 4000).toBeGreaterThan(0.46);
    expect(copies / 4000).toBeLessThan(0.54);
  });

  it('lets later segments overtake a reordered one', () => {
    const l = link({ delay: 50, reorder: 0.2, reorderDelay: 100 });
    const arrivals = Array.from({ length: 200 }, (_, i) => transmit(l, i, 60).arrivesAt);
    const overtaken = arrivals.filter((a, i) => arrivals.slice(i + 1).some((b) => b < a));
    expect(overtaken.length).toBeGreaterThan(10);
  });

  it('leaves the stream of a still link where its draws would have, for later settings', () => {
    // No loss, jitter, duplication or reordering: the draws are skipped, not made.
    const still = createLinkState({ ...DEFAULT_LINK_DIRECTION }, namedStream(3, 'x'));
    const drawing = createLinkState({ ...DEFAULT_LINK_DIRECTION, loss: 1e-9 }, namedStream(3, 'x'));
    for (let i = 0; i < 20; i++) {
      transmit(still, i * 1000, 60);
      transmit(drawing, i * 1000, 60);
    }
    const jittery = { ...DEFAULT_LINK_DIRECTION, jitter: 30 };
    still.settings = jittery;
    drawing.settings = jittery;
    for (let i = 20; i < 40; i++) {
      expect(transmit(still, i * 1000, 60).arrivesAt).toBe(
        transmit(drawing, i * 1000, 60).arrivesAt,
      );
    }
  });

  it('draws the same numbers whatever the settings, so loss does not reshuffle jitter', () => {
    const calm = createLinkState({ ...DEFAULT_LINK_DIRECTION, jitter: 30 }, namedStream(3, 'x'));
    const lossy = createLinkState(
      { ...DEFAULT_LINK_DIRECTION, jitter: 30, loss: 0.5, reorder: 0 },
      namedStream(3, 'x'),
    );
    // Far apart in time so that FIFO holding never applies: arrivals differ only by jitter.
    for (let i = 0; i < 50; i++) {
      expect(transmit(lossy, i * 1000, 60).arrivesAt).toBe(transmit(calm, i * 1000, 60).arrivesAt);
    }
  });
});

describe('trace times', () => {
  it('are kept to a microsecond, the same on every platform', () => {
    expect(roundTime(0.1 + 0.2)).toBe(0.3);
    expect(roundTime(150.0004999)).toBe(150);
    expect(roundTime(150.0005)).toBe(150.001);
    expect(roundTime(-2.0004)).toBe(-2);
    expect(roundTime(75)).toBe(75);
    expect(roundTime(2 ** 31 + 0.25)).toBe(2 ** 31 + 0.25);
  });

  it('keep whole and fractional values as they are, and -0 as 0', () => {
    for (const ms of [0, 1, 49.5, 66503.55, -3, 2 ** 30 - 1, 2 ** 30, 2 ** 31, 2 ** 40 + 1]) {
      expect(wholeAsInteger(ms)).toBe(ms);
    }
    expect(Object.is(wholeAsInteger(-0), 0)).toBe(true);
    expect(wholeAsInteger(Number.NaN)).toBeNaN();
    expect(wholeAsInteger(Infinity)).toBe(Infinity);
  });
});
