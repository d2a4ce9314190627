/**
 * The "Share or embed" button of the full page. The dialog, the still export and their styles are
 * fetched on the first click, so they cost the first view nothing.
 */
import { lazy, Suspense, useRef, useState, type RefObject } from 'react';
import type { LabStore, RunSource } from '../../store';

const ShareDialog = lazy(() => import('./ShareDialog'));

export function ShareButton(props: {
  store: LabStore;
  world: RunSource;
  /** Holds the sequence diagram's figure. */
  stage: RefObject<HTMLElement | null>;
  className?: string | undefined;
}) {
  const button = useRef<HTMLButtonElement>(null);
  // Whether the dialog is open: interface state, not a protocol fact.
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
        Share or embed
      </button>
      {open && (
        <Suspense fallback={null}>
          <ShareDialog
            store={props.store}
            world={props.world}
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
