/** "Export animation": the dialog and the GIF encoder load on the first click. */
import { lazy, Suspense, useRef, useState, type RefObject } from 'react';
import type { LabStore } from '../../store';

const ExportDialog = lazy(() => import('./ExportDialog'));

export function ExportButton(props: {
  store: LabStore;
  stage: RefObject<HTMLElement | null>;
  className?: string | undefined;
}) {
  const button = useRef<HTMLButtonElement>(null);
  // Whether the dialog is open: interface state.
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        ref={button}
        type="button"
        className={props.className}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Export animation
      </button>
      {open && (
        <Suspense fallback={null}>
          <ExportDialog
            store={props.store}
            figure={props.stage.current?.querySelector('figure') ?? null}
            onClose={() => {
              setOpen(false);
              button.current?.focus();
            }}
          />
        </Suspense>
      )}
    </>
  );
}
