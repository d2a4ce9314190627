/**
 * What the run worker does with a request, as a plain function: the same code computes a run in
 * the worker and, where no worker can start, on the page itself, so both give the same run.
 * Scenario runs keep their checkpoints here between requests (a fork resumes from the latest
 * snapshot before its moment, src/store/checkpoints.ts) and their last timeline (a fork reads
 * only its new future); a prepared run is such a run, computed for the next fork's sake.
 */
import { buildTimeline, type Timeline } from '../../store/timeline';
import { createSimWorld } from '../../store/sim-world';
import { captureFileBytes, openCaptureBytes } from '../capture/prepare-capture';
import { detectProfile, prepareScriptRun } from '../packetdrill/prepare-script-run';
import type { PreparedScript, RunReply, RunRequest } from './protocol';

function prepareScript(request: Extract<RunRequest, { kind: 'script' }>): PreparedScript {
  const prepared = prepareScriptRun(request.text, {
    ...(request.fileName !== undefined ? { fileName: request.fileName } : {}),
    profile: request.profile,
  });
  if (!prepared.ok) return prepared;
  return { ok: true, info: prepared.load.info, timeline: buildTimeline(prepared.load.run) };
}

export function createRequestHandler(): (request: RunRequest) => Promise<RunReply> {
  const world = createSimWorld();
  // The last scenario timeline made here: a fork of it extends its kept past (timeline.ts).
  let last: Timeline | undefined;
  return async (request) => {
    try {
      if (request.kind === 'scenario' || request.kind === 'prepare') {
        const run = world.run(request.settings, request.interventions);
        last = buildTimeline(run, last);
        if (request.kind === 'prepare') return { id: request.id, kind: 'prepared' };
        return { id: request.id, kind: 'scenario', timeline: last };
      }
      if (request.kind === 'capture') {
        const { file } = request;
        const read = await captureFileBytes(file);
        const opening = read.ok ? openCaptureBytes(file.name, read.bytes) : read;
        return { id: request.id, kind: 'capture', opening };
      }
      if (request.kind === 'origin') {
        const profile = detectProfile(request.text, request.fileName);
        return { id: request.id, kind: 'origin', profile };
      }
      return { id: request.id, kind: 'script', prepared: prepareScript(request) };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { id: request.id, kind: 'failed', message: `The run could not be computed: ${why}` };
    }
  };
}
