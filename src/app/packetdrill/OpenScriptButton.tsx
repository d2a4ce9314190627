/**
 * The way in: "Open packetdrill script". The dialog, the parser, the runner and the engine's
 * script world load only on the first click, so the first view stays small. Once opened the
 * dialog stays mounted, keeping what the user typed.
 */
import { lazy } from 'react';
import type { LabStore } from '../../store';
import { DialogButton } from '../../ui/dialog/DialogButton';

const ScriptDialog = lazy(() => import('./ScriptDialog'));

export function OpenScriptButton(props: { store: LabStore; className?: string | undefined }) {
  return (
    <DialogButton label="Open packetdrill script" className={props.className} keep>
      {({ open, close }) => (
        <ScriptDialog store={props.store} open={open} onClose={() => close()} />
      )}
    </DialogButton>
  );
}
