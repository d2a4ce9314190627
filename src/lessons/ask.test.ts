import { describe, expect, it } from 'vitest';
import { getPreset, runScenario, type SendEvent, type TraceEvent } from '../sim';
import { withIsnMode } from '../sim/settings';
import { askAbout } from './ask';
import { isRight } from './question';

function run(name: string, isn: 'textbook' | 'random'): readonly TraceEvent[] {
  const preset = getPreset(name);
  if (!preset) throw new Error(name);
  const scenario = preset.scenario;
  return runScenario({ ...scenario, endpoints: withIsnMode(scenario.endpoints, isn) }).trace;
}

/** The trace index of the n-th segment `from` sends with exactly these flags. */
function nthSend(trace: readonly TraceEvent[], from: string, flags: string, nth: number): number {
  let seen = 0;
  return trace.findIndex(
    (e) => e.type === 'send' && e.from === from && e.flags.join() === flags && ++seen === nth,
  );
}

describe('numbers relative to the ISN of the connection a segment belongs to', () => {
  // old-duplicate opens the same 4-tuple twice: each incarnation has its own ISN.
  const trace = run('old-duplicate', 'random');
  const synAck = nthSend(trace, 'server', 'SYN,ACK', 2);
  const secondSyn = trace[nthSend(trace, 'client', 'SYN', 2)] as SendEvent;

  it('an ACK of the second incarnation counts from that incarnation’s ISN', () => {
    const question = askAbout('ack', trace, synAck);
    expect(question?.answer.type).toBe('number');
    expect(isRight(question!.answer, '1')).toBe(true);
    expect(isRight(question!.answer, String((secondSyn.seq + 1) >>> 0))).toBe(true);
  });

  it('the SYN that opens a new incarnation carries a number nobody could predict', () => {
    expect(askAbout('seq', trace, trace.indexOf(secondSyn))).toBeUndefined();
  });

  it('with textbook ISNs the old copy is acknowledged as new data; with random ones it is not', () => {
    const textbook = run('old-duplicate', 'textbook');
    const answerToCopy = (t: readonly TraceEvent[]) =>
      askAbout('ack', t, nthSend(t, 'server', 'ACK', 2))?.answer;
    // Textbook: the copy's 11 bytes move RCV.NXT from 701 to 712.
    expect(isRight(answerToCopy(textbook)!, '712')).toBe(true);
    // Random: the copy lies before RCV.NXT; the ACK still names the new connection's next byte.
    expect(isRight(answerToCopy(trace)!, '1')).toBe(true);
  });

  it('explains an ACK that answers an old duplicate by the duplicate, not by the data before it', () => {
    const hint = (t: readonly TraceEvent[]) =>
      askAbout('ack', t, nthSend(t, 'server', 'ACK', 2))?.hint;
    expect(hint(trace)).toMatch(
      /just arrived, a PSH-ACK with seq \d+ and 11 bytes, lies wholly before/,
    );
    expect(hint(run('old-duplicate', 'textbook'))).not.toMatch(/wholly before/);
  });
});
