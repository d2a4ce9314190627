/**
 * A header button that opens a dialog. The dialog is rendered only once the button is first
 * pressed, so a lazily imported dialog (and what it imports) costs the first view nothing; when
 * it closes, focus returns to the button, as WAI-ARIA's dialog pattern asks.
 */
import { useState, type ReactNode } from 'react';
import { LazyPart } from '../lazy/LazyPart';

export interface DialogControl {
  /** Whether the dialog is open (a kept dialog stays rendered while closed). */
  open: boolean;
  /** Closes the dialog; focus goes back to the button unless `returnFocus` is false. */
  close: (returnFocus?: boolean) => void;
}

export function DialogButton({
  label,
  name,
  className,
  keep = false,
  children,
}: {
  label: string;
  /** The accessible name when the visible label is a shortened form of it. */
  name?: string | undefined;
  className?: string | undefined;
  /** Keep the dialog rendered once opened, so what the user typed in it survives closing it. */
  keep?: boolean;
  children: (control: DialogControl) => ReactNode;
}) {
  // The button (focus returns to it), whether the dialog is open, and whether it ever was:
  // interface state, not protocol facts.
  const [button, setButton] = useState<HTMLButtonElement | null>(null);
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const close = (returnFocus = true) => {
    setOpen(false);
    if (returnFocus) button?.focus();
  };
  return (
    <>
      <button
        ref={setButton}
        type="button"
        className={className}
        aria-haspopup="dialog"
        aria-label={name}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        {label}
      </button>
      {(open || (keep && opened)) && (
        <LazyPart what={`the “${label}” dialog`}>{children({ open, close })}</LazyPart>
      )}
    </>
  );
}
