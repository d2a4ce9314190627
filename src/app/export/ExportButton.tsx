/** "Export animation": the dialog and the GIF encoder load on the first click. */
import { lazy, type RefObject } from 'react';
import type { LabStore } from '../../store';
import { DialogButton } from '../../ui/dialog/DialogButton';

const ExportDialog = lazy(() => import('./ExportDialog'));

export function ExportButton(props: {
  store: LabStore;
  stage: RefObject<HTMLElement | null>;
  className?: string | undefined;
}) {
  return (
    <DialogButton label="Export animation" className={props.className}>
      {({ close }) => (
        <ExportDialog
          store={props.store}
          figure={props.stage.current?.querySelector('figure') ?? null}
          onClose={() => close()}
        />
      )}
    </DialogButton>
  );
}
