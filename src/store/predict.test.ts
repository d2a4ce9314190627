import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { isRight } from '../lessons';
import * as lessonKit from '../lessons/kit';
import { runScript } from '../runner/packetdrill/runner';
import { scriptRunToTrace } from '../runner/packetdrill/to-trace';
import { createLabStore } from './create-lab-store';
import { createSimWorld } from './sim-world';
import { nextQuestionStep } from './predict-steps';
import type { LabStore } from './create-lab-store';

/*
 * Predict mode on the "handshake" preset (50 ms each way): the server listens at 0, the SYN
 * leaves at 10 and arrives at 60, the SYN-ACK arrives at 110, the ACK at 160.
 */
const world = createSimWorld();

function predicting(preset = 'handshake'): LabStore {
  const store = createLabStore({ world, preset, lessons: lessonKit });
  // The page re-checks the hold after every change, as src/ui/predict does.
  store.subscribe(() => store.getState().holdForPrediction());
  store.getState().setPredict(true);
  return store;
}

function waiting(store: LabStore) {
  const s = store.getState();
  return nextQuestionStep(lessonKit, s.timeline, s.predict.revealedThrough);
}

describe('predict mode', () => {
  it('loads the question makers when switched on in a store without them, then waits', async () => {
    const store = createLabStore({ world, preset: 'handshake' });
    store.subscribe(() => store.getState().holdForPrediction());
    store.getState().setPredict(true);
    expect(store.getState().predict.on).toBe(false);
    await vi.waitFor(() => expect(store.getState().predict.on).toBe(true));
    expect(waiting(store)?.question).toBeDefined();
  });

  it('waits before each visible step: playing stops just before it', () => {
    const store = predicting();
    store.getState().revealPrediction('LISTEN'); // the server's first step, at t=0
    store.getState().play();
    store.getState().tick(60_000);
    const s = store.getState();
    const step = waiting(store);
    expect(step?.t).toBe(10);
    expect(s.playing).toBe(false);
    expect(s.t).toBeLessThan(10);
    expect(s.t).toBeGreaterThan(0);
    expect(s.cursor).toBe((step?.first ?? 0) - 1);
  });

  it('asks whether a segment arrives as it leaves: none of its flight is drawn while it waits', () => {
    // lost-syn-ack: held just before its fate, an arriving segment's arrow is nearly across and
    // a lost one stops half-way, which would tell the answer.
    const store = predicting('lost-syn-ack');
    let fates = 0;
    for (let step = waiting(store); step !== undefined; step = waiting(store)) {
      store.getState().play();
      store.getState().tick(60_000);
      const s = store.getState();
      const question = step.question!;
      const asked = s.timeline.events[question.index]!;
      expect(s.playing).toBe(false);
      expect(s.cursor).toBeLessThan(step.first);
      if (question.kind === 'fate' && (asked.type === 'deliver' || asked.type === 'drop')) {
        const sent = s.timeline.spanById[asked.id]!.send;
        expect(s.t, question.prompt).toBeLessThanOrEqual(sent.t);
        fates += 1;
      }
      store.getState().revealPrediction('');
      expect(store.getState().cursor).toBe(step.last);
      store.getState().nextPrediction();
    }
    expect(fates).toBeGreaterThanOrEqual(2);
  });

  it('holds stepping and scrubbing past an unanswered question too', () => {
    const store = predicting();
    store.getState().seek(150);
    expect(store.getState().cursor).toBe(-1);
    store.getState().stepNext();
    expect(store.getState().cursor).toBe(-1);
  });

  it('Reveal plays the step and scores the answer against the trace', () => {
    const store = predicting();
    const first = waiting(store);
    expect(first?.question?.kind).toBe('state');
    store.getState().revealPrediction('SYN-SENT');
    let s = store.getState();
    expect([s.predict.right, s.predict.asked, s.predict.result?.right]).toEqual([0, 1, false]);
    expect(s.cursor).toBe(first?.last);
    store.getState().nextPrediction();
    const second = waiting(store);
    expect(second?.t).toBe(10);
    const answer = second?.question?.answer;
    store
      .getState()
      .revealPrediction(answer?.type === 'choice' ? answer.correct : String(answer?.correct));
    s = store.getState();
    expect([s.predict.right, s.predict.asked]).toEqual([1, 2]);
    expect(s.t).toBe(10);
  });

  it('starts afresh on a forked run, keeping the score', () => {
    const store = predicting();
    for (let i = 0; i < 3; i += 1) {
      store.getState().revealPrediction('');
      store.getState().nextPrediction();
    }
    const before = store.getState();
    const synAck = before.timeline.spans.find(
      (s) => s.send.flags.includes('SYN') && s.send.flags.includes('ACK'),
    );
    store.getState().revealPrediction('');
    store.getState().seek(80);
    store.getState().dropSegment(synAck?.id ?? 0);
    const after = store.getState();
    expect(after.timeline).not.toBe(before.timeline);
    expect(after.predict.asked).toBe(4);
    expect(waiting(store)?.first).toBeGreaterThan(after.cursor);
  });

  it('passes freely over steps already seen, after going back', () => {
    const store = predicting();
    store.getState().revealPrediction('');
    store.getState().nextPrediction();
    store.getState().revealPrediction('');
    const seen = store.getState().t;
    store.getState().toStart();
    store.getState().seek(seen);
    expect(store.getState().t).toBe(seen);
  });

  it('lets the playhead move anywhere when switched off', () => {
    const store = predicting();
    store.getState().setPredict(false);
    store.getState().seek(150);
    expect(store.getState().t).toBe(150);
  });

  it('asks on a packetdrill script run, from its trace alone', () => {
    const store = predicting();
    const script = readFileSync(
      new URL('../../conformance/handshake-passive.pkt', import.meta.url),
      'utf8',
    );
    const run = scriptRunToTrace(runScript(script), {
      localIp: '192.168.0.1',
      remoteIp: '192.0.2.1',
      bindPort: 8080,
      connectPort: 8080,
    });
    store.getState().loadScriptRun({
      info: {
        name: 'handshake-passive.pkt',
        profile: 'linux',
        outcome: 'passed',
        counts: { passed: 5, failed: 0, notApplicable: 0, carriedOut: 6 },
        failure: null,
        missing: run.missing,
      },
      run,
    });
    let asked = 0;
    for (let step = waiting(store); step !== undefined; step = waiting(store)) {
      const answer = step.question!.answer;
      const right = answer.type === 'choice' ? answer.correct : String(answer.correct);
      expect(isRight(answer, right)).toBe(true);
      store.getState().revealPrediction(right);
      store.getState().nextPrediction();
      asked += 1;
    }
    expect(asked).toBeGreaterThan(3);
    expect([store.getState().predict.right, store.getState().predict.asked]).toEqual([
      asked,
      asked,
    ]);
  });
});
