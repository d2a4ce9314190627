/**
 * The lab's panel dialogs (Share or embed, Lessons): a native modal `<dialog>` whose head holds
 * its title and a Close button. Escape or Close closes it and fires `onClose`.
 */
import { useId, type ReactNode } from 'react';
import styles from './PanelDialog.module.css';
import { useModal } from './use-modal';

export function PanelDialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const dialog = useModal();
  const id = useId();
  return (
    <dialog ref={dialog} className={styles.dialog} aria-labelledby={id} onClose={onClose}>
      <div className={styles.head}>
        <h2 id={id}>{title}</h2>
        <button type="button" className={styles.close} onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      {children}
    </dialog>
  );
}
