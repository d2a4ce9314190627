/**
 * Actions that stand in a row on a wide screen and, on a phone, fold behind one button so the
 * row fits the screen whole. The button is a disclosure (WAI-ARIA's pattern: `aria-expanded`,
 * `aria-controls`): pressing it shows the actions as a list under it, next in the Tab order;
 * Escape, the button again, a press elsewhere or focus leaving the list closes it, and Escape
 * returns focus to the button. Choosing an action closes the list, as a menu does, with focus on
 * the button: a dialog the action opens (the action's sibling in the list) stays on screen, the
 * list's styles hiding only its buttons, and gives focus back to the button when it closes.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import styles from './OverflowMenu.module.css';

/** Whether a key or press arose inside an open dialog, which handles its own Escape. */
const inDialog = (target: EventTarget | null) =>
  target instanceof Element && target.closest('dialog[open]') !== null;

export function OverflowMenu({
  label,
  name,
  className,
  children,
}: {
  /** The button's text on a phone, e.g. "More". */
  label: string;
  /** Its accessible name, which begins with the label, e.g. "More actions". */
  name: string;
  /** The button's look (the header's other buttons share it). */
  className?: string | undefined;
  children: ReactNode;
}) {
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // Whether the list is shown: interface state only.
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && root.current?.contains(event.target)) return;
      if (inDialog(event.target)) return;
      setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  return (
    <div
      ref={root}
      className={styles.menu}
      onClick={(event) => {
        // An action in the list was chosen (not a control inside a dialog it opened).
        const target = event.target;
        if (!open || !(target instanceof Element) || inDialog(target)) return;
        const chosen = target.closest('button');
        if (!chosen || chosen === button.current) return;
        button.current?.focus();
        setOpen(false);
      }}
      onKeyDown={(event) => {
        if (!open || event.key !== 'Escape' || inDialog(event.target)) return;
        event.preventDefault();
        setOpen(false);
        button.current?.focus();
      }}
      onBlur={(event) => {
        // Focus moving to the page outside closes the list (a dialog inside keeps it open).
        const next = event.relatedTarget;
        if (next instanceof Node && !root.current?.contains(next)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className={`${styles.toggle} ${className ?? ''}`}
        aria-label={name}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((was) => !was)}
      >
        {label}
        <span className={styles.chevron} aria-hidden="true" />
      </button>
      <div id={id} className={styles.list} data-open={open ? '' : undefined}>
        {children}
      </div>
    </div>
  );
}
