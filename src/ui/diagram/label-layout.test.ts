import { describe, expect, it } from 'vitest';
import { layoutLabels, wrapLabel, type LabelRequest } from './label-layout';

const metrics = { charWidth: 9, height: 20, lineHeight: 14, minX: 150, maxX: 650 };

function arrow(key: string, y1: number, y2: number, leftToRight = true): LabelRequest {
  return leftToRight
    ? { key, text: `ACK seq=${key} ack=1`, x1: 100, y1, x2: 700, y2 }
    : { key, text: `ACK seq=${key} ack=1`, x1: 700, y1, x2: 100, y2 };
}

function boxesOverlap(a: ReturnType<typeof layoutLabels>[number], b: typeof a): boolean {
  return (
    Math.abs(a.x - b.x) < (a.width + b.width) / 2 && Math.abs(a.y - b.y) < (a.height + b.height) / 2
  );
}

describe('segment labels', () => {
  it('sit on the middle of their own arrow when there is room', () => {
    const [label] = layoutLabels([arrow('1', 0, 100)], metrics);
    expect(label).toMatchObject({ x: 400, y: 50, displaced: false });
  });

  it('never overlap each other, even for arrows sent at the same moment', () => {
    const requests = Array.from({ length: 12 }, (_, i) =>
      arrow(String(i), 10 + i, 110 + i, i % 2 === 0),
    );
    const labels = layoutLabels(requests, metrics);
    for (const a of labels)
      for (const b of labels) if (a !== b) expect(boxesOverlap(a, b)).toBe(false);
    expect(labels.some((l) => l.displaced)).toBe(true);
  });

  it('stay within two label heights of their arrow; the rest are counted in one note', () => {
    const requests = Array.from({ length: 12 }, (_, i) =>
      arrow(String(i), 10 + i, 110 + i, i % 2 === 0),
    );
    const labels = layoutLabels(requests, metrics);
    const own = labels.filter((l) => l.stands.length === 0);
    for (const l of own) expect(l.y - l.anchorY).toBeLessThanOrEqual(2 * l.height);
    const notes = labels.filter((l) => l.stands.length > 0);
    expect(notes).toHaveLength(1);
    const note = notes[0];
    expect(note?.text).toBe(`+${note?.stands.length} more · zoom in`);
    // Every arrow is either labelled or counted, once.
    const keys = [...own.map((l) => l.key), ...(note?.stands ?? [])].sort();
    expect(keys).toEqual(requests.map((r) => r.key).sort());
  });

  it('stay clear of the lifelines and the arrows ends', () => {
    const labels = layoutLabels([arrow('1', 0, 4), arrow('2', 0, 4, false)], metrics);
    for (const l of labels) {
      expect(l.x - l.width / 2).toBeGreaterThanOrEqual(metrics.minX);
      expect(l.x + l.width / 2).toBeLessThanOrEqual(metrics.maxX);
    }
  });

  it('label or count every arrow once, a lone label with no room near its arrow too', () => {
    for (let n = 1; n <= 16; n++) {
      const requests = Array.from({ length: n }, (_, i) =>
        arrow(String(i), 10 + i, 110 + i, i % 2 === 0),
      );
      const labels = layoutLabels(requests, metrics);
      for (const l of labels.filter((label) => label.stands.length === 0)) {
        expect(l.y - l.anchorY).toBeLessThanOrEqual(2 * l.height);
      }
      const keys = labels.flatMap((l) => (l.stands.length > 0 ? l.stands : [l.key])).sort();
      expect(keys, `${n} arrows`).toEqual(requests.map((r) => r.key).sort());
    }
  });

  it('prefer a spot on their own arrow that hides no other arrow (crossing FINs)', () => {
    const a: LabelRequest = {
      key: 'a',
      text: 'FIN-ACK seq=701 ack=1',
      x1: 100,
      y1: 0,
      x2: 700,
      y2: 100,
    };
    const b: LabelRequest = {
      key: 'b',
      text: 'FIN-ACK seq=201 ack=1',
      x1: 700,
      y1: 45,
      x2: 100,
      y2: 55,
    };
    const labels = layoutLabels([a, b], metrics);
    // Walk each other arrow in small steps: no point of it may fall inside a label's box.
    const hides = (l: (typeof labels)[number], r: LabelRequest) =>
      Array.from({ length: 601 }, (_, i) => i / 600).some((f) => {
        const x = r.x1 + (r.x2 - r.x1) * f;
        const y = r.y1 + (r.y2 - r.y1) * f;
        return Math.abs(x - l.x) < l.width / 2 && Math.abs(y - l.y) < l.height / 2;
      });
    const [la, lb] = [labels.find((l) => l.key === 'a'), labels.find((l) => l.key === 'b')];
    expect(la && hides(la, b)).toBe(false);
    expect(lb && hides(lb, a)).toBe(false);
    expect(la?.displaced || lb?.displaced).toBe(false);
  });

  it('keep clear of a loss mark', () => {
    const [label] = layoutLabels([arrow('1', 0, 100)], metrics, [
      { x: 400, y: 55, width: 40, height: 30 },
    ]);
    expect(label?.y).not.toBe(50);
    expect(Math.abs((label?.y ?? 0) - 55)).toBeGreaterThanOrEqual(25);
  });

  it('wrap on a narrow screen: flags first, then every number, none dropped', () => {
    expect(wrapLabel('SYN seq=700', 40)).toEqual(['SYN seq=700']);
    expect(wrapLabel('SYN-ACK seq=200 ack=701', 19)).toEqual(['SYN-ACK', 'seq=200 ack=701']);
    expect(wrapLabel('RTX SYN-ACK seq=200 ack=701', 19)).toEqual([
      'RTX SYN-ACK',
      'seq=200 ack=701',
    ]);
    expect(wrapLabel('PSH-ACK seq=701 ack=201 len=18', 19)).toEqual([
      'PSH-ACK',
      'seq=701 ack=201',
      'len=18',
    ]);
    expect(wrapLabel('ACK seq=3735928559 ack=4294967295', 12)).toEqual([
      'ACK',
      'seq=3735928559',
      'ack=4294967295',
    ]);
    const narrow = { ...metrics, minX: 300, maxX: 520 };
    const [label] = layoutLabels(
      [{ ...arrow('1', 0, 100), text: 'PSH-ACK seq=701 ack=201 len=18' }],
      narrow,
    );
    expect(label?.lines).toEqual(['PSH-ACK', 'seq=701 ack=201 len=18']);
    expect(label?.height).toBe(metrics.height + metrics.lineHeight);
    expect((label?.x ?? 0) - (label?.width ?? 0) / 2).toBeGreaterThanOrEqual(narrow.minX);
  });

  it('never overlap when wrapped onto several lines', () => {
    const narrow = { ...metrics, minX: 300, maxX: 440 };
    const requests = Array.from({ length: 8 }, (_, i) => ({
      ...arrow(String(i), 10 + i * 5, 110 + i * 5, i % 2 === 0),
      text: `PSH-ACK seq=${700 + i} ack=201 len=18`,
    }));
    const labels = layoutLabels(requests, narrow);
    expect(labels.filter((l) => l.stands.length === 0).every((l) => l.lines.length > 1)).toBe(true);
    for (const a of labels)
      for (const b of labels) if (a !== b) expect(boxesOverlap(a, b)).toBe(false);
  });

  it('sit on their arrow when wrapped: a tall label moves no further from it than a short one', () => {
    // A phone wraps a label onto three or four lines; two of its own heights below its arrow it
    // sits beside the next arrow down. Its near edge stays as close as a one-line label's may.
    const narrow = { ...metrics, minX: 300, maxX: 440 };
    const requests = Array.from({ length: 8 }, (_, i) => ({
      ...arrow(String(i), 10 + i * 5, 110 + i * 5, i % 2 === 0),
      text: `RTX ACK seq=${19525 + i} ack=201 len=1448`,
    }));
    const labels = layoutLabels(requests, narrow);
    const own = labels.filter((l) => l.stands.length === 0);
    expect(own.some((l) => l.lines.length >= 3 && l.displaced)).toBe(true);
    for (const l of own) {
      const gap = Math.abs(l.y - l.anchorY) - l.height / 2;
      expect(gap, l.text).toBeLessThanOrEqual(1.5 * metrics.height);
    }
    const keys = labels.flatMap((l) => (l.stands.length > 0 ? l.stands : [l.key])).sort();
    expect(keys).toEqual(requests.map((r) => r.key).sort());
  });
});
