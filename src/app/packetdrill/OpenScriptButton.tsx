/**
 * The way in: "Open packetdrill script". The dialog, the parser, the runner and the engine's
 * script world load only on the first click, so the first view stays small.
 */
import { lazy, Suspense, useState } from 'react';
import type { LabStore } from '../../store';

const ScriptDialog = lazy(() => import('./ScriptDialog'));

export function OpenScriptButton({
  store,
  className,
}: {
  store: LabStore;
  className?: string | undefined;
}) {
  // Whether the dialog is open, and whether it was ever opened (it then stays mounted, keeping
  // what the user typed): view state, not protocol facts.
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className}
        aria-haspopup="dialog"
        onClick={() => {
          setLoaded(true);
          setOpen(true);
        }}
      >
        Open packetdrill script
      </button>
      {loaded && (
        <Suspense fallback={null}>
          <ScriptDialog store={store} open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
