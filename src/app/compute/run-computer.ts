/**
 * The page's side of the run worker (runs, packetdrill scripts, capture files). The worker starts on the first big run and is ended by
 * Cancel (a computation cannot be interrupted from outside; ending its worker stops it at once),
 * then started again on the next. Where no worker can start (a browser or policy that refuses
 * it), the same handler computes the run on the page, once the progress indicator has appeared
 * (RunProgress shows after 300 ms; the page is held while it computes).
 */
import { RunCancelled, type RunComputer, type RunJob } from '../../store/run-job';
import type { Timeline } from '../../store';
import type { Intervention, RunSettings } from '../../store/world';
import type { Opening } from '../capture/prepare-capture';
import type { ProfileChoice } from '../packetdrill/prepare-script-run';
import type { CapturePacket } from '../../wire/read-capture';
import { nextTask } from './next-task';
import { withCaptureParts, type PreparedScript, type RunReply, type RunRequest } from './protocol';

/** When RunProgress appears (its stylesheet's animation delay). */
const PROGRESS_SHOWS_AFTER_MS = 300;
/** The performance mark set when a run's reply reaches the page. */
export const RUN_REPLY_MARK = 'run reply received';

type Body<R> = R extends RunRequest ? Omit<R, 'id'> : never;

interface Waiting {
  readonly request: RunRequest;
  /** A capture's packets received ahead of its reply (protocol.ts, captureMessages). */
  readonly parts: (readonly CapturePacket[])[];
  readonly resolve: (reply: RunReply) => void;
  readonly reject: (error: Error) => void;
}

export interface PageRunComputer extends RunComputer {
  /** A packetdrill script's run, ready to show, or the message that says why it cannot be. */
  script(
    text: string,
    options: { fileName?: string; profile: ProfileChoice },
  ): RunJob<PreparedScript>;
  /** The profile a script asks for (detectProfile), found without holding the page. */
  profile(text: string, fileName: string | undefined): RunJob<ProfileChoice>;
  /** A capture read and its conversations listed, or the message that says why it cannot be. */
  capture(file: File): RunJob<Opening>;
}

/**
 * The worker, built by the bundler: a module file beside the page; in the single-file build
 * (opened from disk, where a module worker cannot load) the same code inlined as a Blob URL.
 */
async function startWorker(): Promise<Worker> {
  if (import.meta.env.MODE === 'single') {
    const { default: InlineWorker } = await import('./run.worker.ts?worker&inline');
    return new InlineWorker();
  }
  return new Worker(new URL('./run.worker.ts', import.meta.url), { type: 'module' });
}

export function createRunComputer(): PageRunComputer {
  let worker: Promise<Worker | null> | null = null;
  let onPage: Promise<(request: RunRequest) => Promise<RunReply>> | null = null;
  const waiting = new Map<number, Waiting>();
  let ids = 0;

  const computeOnPage = (entry: Waiting) => {
    // Loaded only here: the first view carries no simulator or script runner it does not use.
    onPage ??= import('./handle-request').then((module) => module.createRequestHandler());
    void onPage.then((handle) => {
      // The indicator appears after 300 ms; two frames more and it is painted before the hold.
      setTimeout(() => {
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            if (!waiting.delete(entry.request.id)) return;
            void handle(entry.request).then(entry.resolve);
          }),
        );
      }, PROGRESS_SHOWS_AFTER_MS);
    });
  };

  /** The worker failed to start or to load: every request it held is computed on the page. */
  const fallBack = () => {
    worker = Promise.resolve(null);
    for (const entry of waiting.values()) computeOnPage(entry);
  };

  const connect = (): Promise<Worker | null> => {
    worker ??= startWorker().then(
      (started) => {
        started.addEventListener('message', (event: MessageEvent<RunReply>) => {
          const entry = waiting.get(event.data.id);
          if (!entry) return;
          if (event.data.kind === 'capture-part') {
            entry.parts.push(event.data.packets);
            return;
          }
          const reply = event.data;
          // User Timing: where the worker's part ends and the page's begins, for DevTools'
          // performance panel and the end-to-end test that measures the page meanwhile.
          performance.mark(RUN_REPLY_MARK);
          // Receiving a big reply (reading event.data) is a task's worth of work on its own;
          // showing it (the store, the first render) starts in the next task. Until then
          // Cancel still applies.
          void nextTask().then(() => {
            if (!waiting.delete(reply.id)) return;
            entry.resolve(withCaptureParts(reply, entry.parts));
          });
        });
        started.addEventListener('error', (event) => {
          event.preventDefault();
          started.terminate();
          fallBack();
        });
        return started;
      },
      () => {
        fallBack();
        return null;
      },
    );
    return worker;
  };

  const submit = <T>(body: Body<RunRequest>, read: (reply: RunReply) => T): RunJob<T> => {
    const id = ++ids;
    const request = { ...body, id } as RunRequest;
    const result = new Promise<RunReply>((resolve, reject) => {
      const entry = { request, parts: [], resolve, reject };
      waiting.set(id, entry);
      void connect().then((started) => {
        if (!waiting.has(id)) return;
        if (started) started.postMessage(request);
        else computeOnPage(entry);
      });
    }).then(read);
    const cancel = () => {
      const entry = waiting.get(id);
      if (!entry) return;
      waiting.delete(id);
      entry.reject(new RunCancelled());
      // The worker may be in the middle of this run: end it; the next run starts a new one
      // (requests still waiting are sent to it).
      const current = worker;
      void current?.then((started) => {
        if (!started) return;
        started.terminate();
        if (worker === current) worker = null;
        const rest = [...waiting.values()];
        if (rest.length === 0) return;
        void connect().then((next) => {
          for (const other of rest) {
            if (!waiting.has(other.request.id)) continue;
            // Parts the ended worker sent come again from the new one.
            other.parts.length = 0;
            if (next) next.postMessage(other.request);
            else computeOnPage(other);
          }
        });
      });
    };
    return { result, cancel };
  };

  const failed = (reply: RunReply): never => {
    throw new Error(reply.kind === 'failed' ? reply.message : `Unexpected ${reply.kind} reply.`);
  };

  return {
    prepare: (settings, interventions) => {
      // Only for a worker: computed on the page it would hold the page for nothing. No reply
      // is waited for (the worker's answer finds no one waiting and is dropped).
      void connect().then((started) =>
        started?.postMessage({
          id: ++ids,
          kind: 'prepare',
          settings,
          interventions,
        } satisfies RunRequest),
      );
    },
    scenario: (settings: RunSettings, interventions: readonly Intervention[]) =>
      submit<Timeline>({ kind: 'scenario', settings, interventions }, (reply) =>
        reply.kind === 'scenario' ? reply.timeline : failed(reply),
      ),
    script: (text, options) =>
      submit<PreparedScript>(
        {
          kind: 'script',
          text,
          profile: options.profile,
          ...(options.fileName !== undefined ? { fileName: options.fileName } : {}),
        },
        (reply) => (reply.kind === 'script' ? reply.prepared : failed(reply)),
      ),
    profile: (text, fileName) =>
      submit<ProfileChoice>(
        { kind: 'origin', text, ...(fileName !== undefined ? { fileName } : {}) },
        (reply) => (reply.kind === 'origin' ? reply.profile : failed(reply)),
      ),
    capture: (file) =>
      submit<Opening>({ kind: 'capture', file }, (reply) =>
        reply.kind === 'capture' ? reply.opening : failed(reply),
      ),
  };
}
