/**
 * Numbered stills for slide decks that allow no video: the diagram at each visible step between
 * two moments (still-steps.ts), as SVG (the Share dialog's still) or PNG at the chosen width,
 * in one zip (fflate, loaded only when exporting). Each step is reached as the presenter reaches
 * it: the playhead on the step's instant, its last event included.
 */
import type { LabStore } from '../../store';
import { diagramStill, stillToPng } from '../share/export-diagram';
import { stillNames, stillSteps } from './still-steps';
import { visitMoments } from './visit-moments';

export type StillFormat = 'svg' | 'png';

export interface StillsRequest {
  readonly store: LabStore;
  readonly figure: HTMLElement;
  readonly from: number;
  readonly to: number;
  readonly format: StillFormat;
  /** Width of a PNG in pixels (an SVG keeps the diagram's size and scales itself). */
  readonly width: number;
  readonly title: string;
  readonly onProgress: (done: number, total: number) => void;
  readonly signal: AbortSignal;
}

/** Puts the store on the instant of trace event `index`, that event and its instant included. */
function toStep(store: LabStore, index: number): void {
  const state = store.getState();
  const t = state.timeline.times[index] as number;
  if (t > 0) {
    state.seek(t);
    return;
  }
  // At time 0 a seek shows nothing yet: the first step is the next one from the start.
  state.toStart();
  store.getState().nextStep();
}

export async function exportStills(request: StillsRequest): Promise<Uint8Array> {
  const { store, figure, format } = request;
  const { zipSync, strToU8 } = await import('fflate');
  const steps = stillSteps(store.getState().timeline, request.from, request.to);
  if (steps.length === 0) throw new Error('no visible step falls between those two moments.');
  const names = stillNames(steps.length, format);
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
  await visitMoments(
    {
      store,
      count: steps.length,
      place: (i) => toStep(store, steps[i] as number),
      onProgress: request.onProgress,
      signal: request.signal,
    },
    async (i) => {
      const title = `${request.title}: step ${i + 1} of ${steps.length}`;
      const still = diagramStill(figure, title);
      const name = names[i] as string;
      if (format === 'svg') {
        files[name] = strToU8(still.svg);
      } else {
        const png = await stillToPng(still, request.width / still.width);
        // PNG is compressed already: stored as it is.
        files[name] = [new Uint8Array(await png.arrayBuffer()), { level: 0 }];
      }
    },
  );
  return zipSync(files, { level: 6 });
}
