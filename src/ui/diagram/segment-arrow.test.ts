/**
 * Where an arrow's line ends at a moment: where its segment is, except that a head still
 * travelling leaves its lifeline whole (never reaching back over the notes beside it), and a
 * lost segment's line stops where it was lost.
 */
import { describe, expect, it } from 'vitest';
import { presets } from '../../sim/presets';
import { runScenario } from '../../sim/run';
import { progressAt, type SegmentSpan } from '../../store';
import { buildTimeline } from '../../store/timeline';
import { drawnProgress, HEAD_BACK_PX, type ArrowEnds } from './SegmentArrow';

function spansOf(name: string): readonly SegmentSpan[] {
  const preset = presets.find((p) => p.name === name);
  if (!preset) throw new Error(`no preset ${name}`);
  return buildTimeline(runScenario(preset.scenario)).spans;
}

/** An arrow 400 px across and 100 px down. */
const ENDS: ArrowEnds = { x1: 100, y1: 50, x2: 500, y2: 150 };
const LENGTH = Math.hypot(400, 100);

describe('an arrow in flight', () => {
  const syn = spansOf('handshake')[0] as SegmentSpan;

  it('stands one head out of its lifeline at the send instant', () => {
    expect(progressAt(syn, syn.sentAt)).toBe(0);
    expect(drawnProgress(syn, ENDS, syn.sentAt) * LENGTH).toBeCloseTo(HEAD_BACK_PX);
  });

  it('is exactly where the segment is once it is a head out, and arrives whole', () => {
    const later = syn.sentAt + 0.5 * (syn.crossingEndsAt - syn.sentAt);
    expect(drawnProgress(syn, ENDS, later)).toBe(progressAt(syn, later));
    expect(drawnProgress(syn, ENDS, syn.endAt)).toBe(1);
  });

  it('draws nothing before it is sent', () => {
    expect(drawnProgress(syn, ENDS, syn.sentAt - 1)).toBe(0);
  });
});

describe('a lost segment', () => {
  const lost = spansOf('lost-syn').find((s) => s.outcome === 'lost') as SegmentSpan;

  it('stops where it was lost, and never runs past that point', () => {
    expect(drawnProgress(lost, ENDS, lost.endAt)).toBe(lost.reach);
    const short: ArrowEnds = { x1: 0, y1: 0, x2: 10, y2: 0 };
    expect(drawnProgress(lost, short, lost.sentAt)).toBeLessThanOrEqual(lost.reach);
  });
});
