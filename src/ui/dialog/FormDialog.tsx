/**
 * The lab's form dialogs (open a script, open or download a capture, export an animation): a
 * native modal `<dialog>` named by its title, a line of help, and the fields, message and
 * buttons each dialog puts in. Field rows use this file's styles (`formStyles.field` …).
 */
import { useId, type FormEvent, type ReactNode } from 'react';
import styles from './FormDialog.module.css';
import { useModal } from './use-modal';

export { styles as formStyles };

export function FormDialog({
  title,
  help,
  open = true,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  help: ReactNode;
  open?: boolean;
  /** Without it the body is not a form (a dialog that only lists choices). */
  onSubmit?: (event: FormEvent) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const dialog = useModal(open);
  const id = useId();
  const body = (
    <>
      <h2 id={id} className={styles.title}>
        {title}
      </h2>
      <p className={styles.help}>{help}</p>
      {children}
    </>
  );
  return (
    <dialog ref={dialog} className={styles.dialog} aria-labelledby={id} onClose={onClose}>
      {onSubmit ? (
        <form className={styles.form} onSubmit={onSubmit}>
          {body}
        </form>
      ) : (
        <div className={styles.form}>{body}</div>
      )}
    </dialog>
  );
}
