import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimWorld } from '../../store/sim-world';
import { buildTimeline } from '../../store/timeline';
import { prepareScriptRun } from '../packetdrill/prepare-script-run';
import { createRequestHandler } from './handle-request';
import { captureMessages, transferablesOf, withCaptureParts, type RunReply } from './protocol';
import { openCaptureBytes } from '../capture/prepare-capture';

/** What arrives on the page: the reply as postMessage delivers it, its buffers moved. */
function delivered(reply: RunReply): RunReply {
  return structuredClone(reply, { transfer: transferablesOf(reply) });
}

const script = readFileSync(
  new URL('../../../conformance/handshake-passive.pkt', import.meta.url),
  'utf8',
);

describe('the run worker', async () => {
  it('computes a scenario run byte-identical to the page’s own, forks from its checkpoints too', async () => {
    const world = createSimWorld();
    const handle = createRequestHandler();
    const settings = { ...world.defaults('random-loss'), seed: 7 };
    const whole = delivered(await handle({ id: 1, kind: 'scenario', settings, interventions: [] }));
    const here = buildTimeline(world.run(settings, []));
    expect(whole.kind).toBe('scenario');
    if (whole.kind !== 'scenario') return;
    expect(JSON.stringify(whole.timeline.events)).toBe(JSON.stringify(here.events));
    expect(whole.timeline).toEqual(here);

    // A drop in the middle resumes from the worker's checkpoints: still the same run.
    const first = here.spans[Math.floor(here.spans.length / 2)];
    if (!first) throw new Error('the run sends segments');
    const drop = [{ at: first.sentAt, kind: 'drop' as const, id: first.id }];
    const fork = delivered(
      await handle({ id: 2, kind: 'scenario', settings, interventions: drop }),
    );
    const forkHere = buildTimeline(createSimWorld().run(settings, drop));
    if (fork.kind !== 'scenario') throw new Error(`expected a run, got ${fork.kind}`);
    expect(JSON.stringify(fork.timeline.events)).toBe(JSON.stringify(forkHere.events));
    expect(fork.timeline).toEqual(forkHere);
  });

  it('forks a run it prepared (one the page computed first) as a run from the start has it', async () => {
    const world = createSimWorld();
    const handle = createRequestHandler();
    const settings = { ...world.defaults('random-loss'), seed: 11 };
    expect(await handle({ id: 1, kind: 'prepare', settings, interventions: [] })).toEqual({
      id: 1,
      kind: 'prepared',
    });
    const here = buildTimeline(world.run(settings, []));
    for (const at of [0.3, 0.6]) {
      const span = here.spans[Math.floor(here.spans.length * at)];
      if (!span) throw new Error('the run sends segments');
      const drop = [{ at: span.sentAt, kind: 'drop' as const, id: span.id }];
      const fork = delivered(
        await handle({ id: 2, kind: 'scenario', settings, interventions: drop }),
      );
      const fromStart = buildTimeline(createSimWorld().run(settings, drop));
      if (fork.kind !== 'scenario') throw new Error(`expected a run, got ${fork.kind}`);
      expect(JSON.stringify(fork.timeline.events)).toBe(JSON.stringify(fromStart.events));
      expect(fork.timeline).toEqual(fromStart);
    }
  });

  it('moves a script run’s typed arrays, and keeps a scenario’s to extend on a fork', async () => {
    const handle = createRequestHandler();
    const run = await handle({ id: 1, kind: 'script', text: script, profile: 'linux' });
    if (run.kind !== 'script' || !run.prepared.ok) throw new Error('not run');
    const times = run.prepared.timeline.times;
    expect(times.length).toBeGreaterThan(0);
    delivered(run);
    expect(times.length).toBe(0); // detached: it now belongs to the page

    const world = createSimWorld();
    const settings = world.defaults('handshake');
    const scenario = await handle({ id: 2, kind: 'scenario', settings, interventions: [] });
    if (scenario.kind !== 'scenario') throw new Error(`expected a run, got ${scenario.kind}`);
    delivered(scenario);
    expect(scenario.timeline.times.length).toBe(scenario.timeline.events.length);
  });

  it('runs a packetdrill script as the page would, and names a bad one in one message', async () => {
    const handle = createRequestHandler();
    const reply = delivered(
      await handle({ id: 3, kind: 'script', text: script, profile: 'linux' }),
    );
    const here = prepareScriptRun(script, { profile: 'linux' });
    if (reply.kind !== 'script' || !reply.prepared.ok || !here.ok) throw new Error('not run');
    expect(reply.prepared.info).toEqual(here.load.info);
    expect(JSON.stringify(reply.prepared.timeline.events)).toBe(
      JSON.stringify(here.load.run.trace),
    );

    const bad = await handle({ id: 4, kind: 'script', text: '0 socket(', profile: 'linux' });
    expect(bad).toEqual({
      id: 4,
      kind: 'script',
      prepared: { ok: false, message: expect.stringMatching(/^Syntax error at line 1:/) },
    });
  });

  it('reads a capture as the page would, its packets in parts; a bad file gets its one message', async () => {
    const handle = createRequestHandler();
    const bytes = new Uint8Array(
      readFileSync(new URL('../../../e2e/fixtures/two-conversations.pcapng', import.meta.url)),
    );
    const reply = await handle({ id: 6, kind: 'capture', file: new File([bytes], 'two.pcapng') });
    const messages = captureMessages(reply).map(({ message, transfer }) =>
      structuredClone(message, { transfer }),
    );
    const last = messages.at(-1) as RunReply;
    const parts = messages.flatMap((m) => (m.kind === 'capture-part' ? [m.packets] : []));
    expect(parts.length).toBeGreaterThan(0);
    expect(withCaptureParts(last, parts)).toEqual({
      id: 6,
      kind: 'capture',
      opening: openCaptureBytes('two.pcapng', bytes),
    });

    const junk = new TextEncoder().encode('These are my notes, not a capture.\n');
    const bad = await handle({ id: 7, kind: 'capture', file: new File([junk], 'notes.txt') });
    expect(bad).toEqual({ id: 7, kind: 'capture', opening: openCaptureBytes('notes.txt', junk) });
    expect(bad.kind === 'capture' && !bad.opening.ok && bad.opening.message).toMatch(
      /^notes\.txt: /,
    );
  });

  it('reads the profile a script asks for', async () => {
    const handle = createRequestHandler();
    const text =
      '0 `sysctl -w net.inet.tcp.rfc1323=1`\n+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n';
    expect(await handle({ id: 5, kind: 'origin', text })).toEqual({
      id: 5,
      kind: 'origin',
      profile: 'freebsd',
    });
  });
});
