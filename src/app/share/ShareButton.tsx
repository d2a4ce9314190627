/**
 * The "Share or embed" button of the full page. The dialog, the still export and their styles are
 * fetched on the first click, so they cost the first view nothing.
 */
import { lazy, type RefObject } from 'react';
import type { LabStore, RunSource } from '../../store';
import { DialogButton } from '../../ui/dialog/DialogButton';

const ShareDialog = lazy(() => import('./ShareDialog'));

export function ShareButton(props: {
  store: LabStore;
  world: RunSource;
  /** Holds the sequence diagram's figure. */
  stage: RefObject<HTMLElement | null>;
  className?: string | undefined;
}) {
  return (
    <DialogButton label="Share or embed" className={props.className}>
      {({ close }) => (
        <ShareDialog
          store={props.store}
          world={props.world}
          figure={props.stage.current?.querySelector('figure') ?? null}
          onClose={() => close()}
        />
      )}
    </DialogButton>
  );
}
