/**
 * A replay (replay.ts) drawn on its capture's trace: each captured server segment the engine
 * would have sent otherwise carries the difference (SendEvent.replay, marked ✕ on its arrow
 * and told by the narration), and the engine's own segment is drawn beside it as a dashed
 * ghost arrow at the time the engine sent it, so both segments are on the diagram. Pure.
 */
import type { SendEvent, TraceEvent } from '../../sim/trace';
import type { MissingSegment } from '../packetdrill/to-trace';
import type { Replay } from './replay';

/** A ghost's crossing when the capture gives none to copy (ms). */
const DEFAULT_CROSSING_MS = 1;

export interface ReplayDrawing {
  readonly trace: TraceEvent[];
  readonly ghosts: MissingSegment[];
}

export function drawReplay(
  trace: readonly TraceEvent[],
  replay: Replay,
  names: { readonly client: string; readonly server: string },
): ReplayDrawing {
  const byId = new Map<number, Replay['differences'][number]>();
  for (const d of replay.differences) if (d.captured !== null) byId.set(d.captured + 1, d);
  const sends = trace.filter((e): e is SendEvent => e.type === 'send');
  const crossingOf = (id: number | null) => {
    const send = id === null ? undefined : sends.find((s) => s.id === id);
    const end = send?.arrivesAt ?? send?.dropsAt;
    return send && end !== undefined && end > send.t ? end - send.t : DEFAULT_CROSSING_MS;
  };
  const marked = trace.map((e): TraceEvent => {
    if (e.type !== 'send') return e;
    const d = byId.get(e.id);
    if (!d) return e;
    return { ...e, replay: { profile: replay.profile, engine: d.engine, fields: d.fields } };
  });
  const ghosts: MissingSegment[] = [];
  for (const d of replay.differences) {
    if (d.engineAt === null || d.engine === null) continue;
    const crossing = crossingOf(d.captured === null ? null : d.captured + 1);
    ghosts.push({
      t: d.engineAt,
      endsAt: d.engineAt + crossing,
      line: ghosts.length + 1,
      from: names.server,
      to: names.client,
      expected: d.engine,
      reason: d.fields.join('; '),
      caption: `${replay.profile}: ${d.engine}`,
      note:
        d.captured === null
          ? '(the engine would send it; the server did not)'
          : `(the engine's instead of #${d.captured + 1})`,
    });
  }
  return { trace: marked, ghosts };
}
