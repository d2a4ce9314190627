// The bench's page: the real sequence diagram and frame loop over a 10,000-segment synthetic
// run, in a projector-sized box. bench/ui.ts builds it, opens it in Chromium and measures.
import { LazyMotion, MotionConfig, domAnimation } from 'framer-motion';
import { createRoot } from 'react-dom/client';
import '../../src/app/global.css';
import { useFrameLoop } from '../../src/app/use-frame-loop';
import { createLabStore, LabStoreProvider } from '../../src/store';
import { SequenceDiagram } from '../../src/ui/diagram/SequenceDiagram';
import { PlayheadProvider } from '../../src/ui/connected/playhead';
import { syntheticWorld } from '../synthetic-run';

const segments = Number(new URLSearchParams(window.location.search).get('segments') ?? 10_000);
const store = createLabStore({ world: syntheticWorld(segments) });
let frames = 0;
const countFrames = () => {
  frames++;
  requestAnimationFrame(countFrames);
};
requestAnimationFrame(countFrames);
Object.assign(window, {
  bench: {
    // A quarter of real time: the view scrolls through many arrows while it is measured.
    play: () => {
      store.getState().setSpeed(1 / 4);
      store.getState().play();
    },
    pause: () => store.getState().pause(),
    frames: () => frames,
    t: () => store.getState().t,
  },
});

function Harness() {
  useFrameLoop(store);
  return (
    <MotionConfig reducedMotion="user">
      <LazyMotion features={domAnimation} strict>
        <LabStoreProvider store={store}>
          <PlayheadProvider>
            <div style={{ width: '1000px', height: '600px', display: 'block' }}>
              <SequenceDiagram />
            </div>
          </PlayheadProvider>
        </LabStoreProvider>
      </LazyMotion>
    </MotionConfig>
  );
}

createRoot(document.getElementById('root')!).render(<Harness />);
