import { useEffect, useRef } from 'react';

/**
 * A native `<dialog>` shown modally while `open` (focus moves in, Tab stays inside, Escape
 * closes it and fires its `close` event) and closed when `open` turns false.
 */
export function useModal(open = true) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return dialog;
}
