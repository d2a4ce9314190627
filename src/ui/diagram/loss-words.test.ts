/**
 * A loss mark says who stopped the segment, read from the run: the link ("lost"), a listener's
 * full queue, or the firewall's rule. Computed on the presets' own runs.
 */
import { describe, expect, it } from 'vitest';
import { presets } from '../../sim/presets';
import { runScenario } from '../../sim/run';
import { buildTimeline } from '../../store/timeline';
import { lossWords } from './loss-words';

function wordsOfEndedSpans(name: string): string[] {
  const preset = presets.find((p) => p.name === name);
  if (preset === undefined) throw new Error(`${name} preset is missing`);
  const { spans } = buildTimeline(runScenario(preset.scenario));
  return spans
    .filter((s) => s.dropReason !== undefined)
    .map((s) => `${s.send.from}: ${lossWords(s)}`);
}

describe('the words of a loss mark', () => {
  it('a segment lost on the link reads "lost"', () => {
    expect(wordsOfEndedSpans('lost-syn-ack')).toEqual(['server: lost']);
  });

  it("a SYN the firewall's rule dropped reads as the firewall's doing, not the link's", () => {
    const words = wordsOfEndedSpans('filtered-port');
    expect(words.length).toBeGreaterThan(0);
    for (const w of words) expect(w).toBe('client: dropped: firewall');
  });

  it('a SYN refused by a full SYN queue names the queue', () => {
    expect(wordsOfEndedSpans('syn-flood')).toContain('client: dropped: SYN queue full');
  });

  it('a SYN-ACK answering a forged source finds no host there, and does not read as lost', () => {
    const words = wordsOfEndedSpans('syn-flood').filter((w) => w.startsWith('server: '));
    expect(words.length).toBeGreaterThan(0);
    for (const w of words) expect(w).toBe('server: no host');
  });
});
