import { describe, expect, it } from 'vitest';
import { createLabStore } from './create-lab-store';
import { createSimWorld } from './sim-world';
import { stateAt } from './world-at';

/*
 * The store runs on the real simulator. The "handshake" preset (50 ms each way, textbook ISNs):
 * the client connects at t=10 ms; SYN (id 1) 10 → 60, SYN-ACK (id 2) 60 → 110, ACK (id 3)
 * 110 → 160; both endpoints ESTABLISHED at 160. Retransmission timers start at 1 s (RFC 6298 §2.1).
 */
const world = createSimWorld();

function lab() {
  return createLabStore({ world, preset: 'handshake' });
}

describe('playback', () => {
  it('starts paused at t=0 with nothing happened, at 1/40 of real time', () => {
    const s = lab().getState();
    expect([s.playing, s.t, s.cursor, s.speed]).toEqual([false, 0, -1, 1 / 40]);
  });

  it('plays one 50 ms crossing in two seconds of wall clock at the default speed', () => {
    const store = lab();
    store.getState().play();
    store.getState().tick(400); // to t=10: the client sends its SYN
    expect(stateAt(store.getState().timeline, 'server', store.getState().cursor)).toBe('LISTEN');
    store.getState().tick(2000);
    expect(store.getState().t).toBe(60);
    expect(stateAt(store.getState().timeline, 'server', store.getState().cursor)).toBe(
      'SYN-RECEIVED',
    );
  });

  it('stops at the end', () => {
    const store = lab();
    store.getState().play();
    store.getState().tick(60_000);
    expect(store.getState().t).toBe(store.getState().timeline.endTime);
    expect(store.getState().playing).toBe(false);
  });

  it('play at the end starts over', () => {
    const store = lab();
    store.getState().toEnd();
    store.getState().play();
    expect([store.getState().t, store.getState().playing]).toEqual([0, true]);
  });

  it('steps through events one by one, forward and back', () => {
    const store = lab();
    const { stepNext, stepPrevious } = store.getState();
    stepNext();
    stepNext();
    expect(store.getState().cursor).toBe(1);
    stepPrevious();
    expect(store.getState().cursor).toBe(0);
    stepPrevious();
    stepPrevious();
    expect([store.getState().cursor, store.getState().t]).toEqual([-1, 0]);
  });

  it('steps back from between two events to the event just passed', () => {
    const store = lab();
    store.getState().seek(75);
    const cursor = store.getState().cursor;
    store.getState().stepPrevious();
    expect(store.getState().cursor).toBe(cursor);
    expect(store.getState().t).toBe(store.getState().timeline.times[cursor]);
  });

  it('reaches the same moment by seeking as by playing (the screen is a function of (trace, t))', () => {
    const played = lab();
    played.getState().play();
    for (let i = 0; i < 30; i++) played.getState().tick(100);
    const sought = lab();
    sought.getState().seek(played.getState().t);
    expect(sought.getState().cursor).toBe(played.getState().cursor);
  });

  it('opens on the exchange of segments, not on the silence of TIME-WAIT after it', () => {
    expect(lab().getState().viewSpan).toBe(300);
    const halfClose = createLabStore({ world, preset: 'half-close' }).getState();
    // The last segment arrives at 560 ms; TIME-WAIT then runs a minute (RFC 9293 §3.6).
    expect(halfClose.timeline.endTime).toBeGreaterThan(60_000);
    expect(halfClose.viewSpan).toBe(650);
    const store = lab();
    store.getState().choosePreset('half-close');
    expect(store.getState().viewSpan).toBe(650);
  });

  it('zooms by halving and doubling the visible span, out no further than the whole run', () => {
    const store = createLabStore({ world, preset: 'syn-timeout' });
    const span = store.getState().viewSpan;
    store.getState().zoomIn();
    expect(store.getState().viewSpan).toBe(span / 2);
    store.getState().zoomIn();
    store.getState().zoomOut();
    expect(store.getState().viewSpan).toBe(span / 2);
    for (let i = 0; i < 10; i++) store.getState().zoomOut();
    // The whole run (its end 88 % of the way down the view), not twice the span before.
    const whole = store.getState().viewSpan;
    expect(whole).toBeGreaterThan(span);
    expect(whole).toBeLessThan(span * 2);
    store.getState().zoomIn();
    store.getState().toEnd();
    expect(store.getState().viewSpan).toBe(whole);
  });
});

describe('forking the future', () => {
  it('drops a segment in flight: the past is kept, the future recomputed', () => {
    const store = lab();
    store.getState().seek(80);
    const before = store.getState().timeline.events.filter((e) => e.t < 80);
    store.getState().dropSegment(2);
    const after = store.getState();
    expect(after.timeline.events.filter((e) => e.t < 80)).toEqual(before);
    expect(after.timeline.spanById[2]?.outcome).toBe('lost');
    // The server's retransmission timer (1 s, RFC 6298 §2.1) sends the SYN-ACK again.
    const resend = after.timeline.spans.find((s) => s.send.original === 2);
    expect(resend?.send.flags).toEqual(['SYN', 'ACK']);
    expect(resend?.sentAt).toBe(1060);
    expect(stateAt(after.timeline, 'server', after.timeline.events.length - 1)).toBe('ESTABLISHED');
    expect(after.t).toBe(80);
    expect(after.interventions).toEqual([{ at: 80, kind: 'drop', id: 2 }]);
  });

  it('does not drop a segment that already arrived', () => {
    const store = lab();
    store.getState().seek(80);
    const timeline = store.getState().timeline;
    store.getState().dropSegment(1);
    expect(store.getState().timeline).toBe(timeline);
    expect(store.getState().past).toEqual([]);
  });

  it('undo returns to the branch before, exactly', () => {
    const store = lab();
    store.getState().seek(80);
    const { timeline, t, cursor } = store.getState();
    store.getState().dropSegment(2);
    store.getState().undo();
    const back = store.getState();
    expect([back.timeline, back.t, back.cursor, back.interventions]).toEqual([
      timeline,
      t,
      cursor,
      [],
    ]);
  });

  it('a link change mid-run applies from the playhead on', () => {
    const store = lab();
    store.getState().seek(75);
    store.getState().changeRunSettings({ delay: 200 });
    const s = store.getState();
    expect(s.run.delay).toBe(200);
    expect(s.base.delay).toBe(50);
    // The SYN-ACK already on the wire keeps its 50 ms; the ACK sent at 110 takes 200 ms.
    expect(s.timeline.spanById[2]?.endAt).toBe(110);
    expect(s.timeline.spanById[3]?.endAt).toBe(310);
    expect(s.timeline.events.filter((e) => e.t < 75)).toEqual(
      lab()
        .getState()
        .timeline.events.filter((e) => e.t < 75),
    );
  });

  it('a change at t=0 simply re-runs with the new setting', () => {
    const store = lab();
    store.getState().changeRunSettings({ delay: 200 });
    const s = store.getState();
    expect([s.base.delay, s.interventions, s.t]).toEqual([200, [], 0]);
    expect(s.timeline.spanById[1]?.endAt).toBe(210);
  });

  it('a change at the end re-runs and shows the new end', () => {
    const store = lab();
    store.getState().toEnd();
    store.getState().changeRunSettings({ delay: 100 });
    // connect at 10, then three crossings of 100 ms
    expect(store.getState().t).toBe(310);
    expect(store.getState().interventions).toEqual([]);
  });

  it('choosing a preset loads its own settings from the start', () => {
    const store = lab();
    store.getState().seek(80);
    store.getState().choosePreset('high-latency');
    const s = store.getState();
    expect([s.run.preset, s.run.delay, s.t, s.cursor]).toEqual(['high-latency', 600, 0, -1]);
    expect(s.timeline.spanById[1]?.endAt).toBe(610);
  });
});

describe('selection and display settings', () => {
  it('keeps the selected segment across a fork when it still exists', () => {
    const store = lab();
    store.getState().select(1);
    store.getState().seek(80);
    store.getState().dropSegment(2);
    expect(store.getState().selectedId).toBe(1);
  });

  it('switches numbering and theme without touching the run', () => {
    const store = lab();
    const timeline = store.getState().timeline;
    store.getState().setNumbering('relative');
    store.getState().setTheme('dark');
    expect([store.getState().numbering, store.getState().theme]).toEqual(['relative', 'dark']);
    expect(store.getState().timeline).toBe(timeline);
  });
});
