/**
 * One question about the run and, once revealed, its answer: choices (radio buttons) or a number
 * field, and a Reveal button; Enter reveals too. The answer panel says whether the learner was
 * right, gives the right answer with how it follows from what came before, and the narration's
 * sentence (with its RFC section) for the event the question was about. Shared by predict mode
 * and the lessons. The typed answer is interface state: the question and its answer come from
 * the store. The caller keys the card by its question, so a new question starts empty.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { answerText, type Question } from '../../lessons';
import styles from './Question.module.css';

export interface QuestionCardProps {
  question: Question;
  /** `given` null: the answer was shown without one (a presenter's clicker), so no verdict. */
  result: { readonly given: string | null; readonly right: boolean } | null;
  /** The narration's sentence for the event asked about (shown after Reveal). */
  why: string;
  onReveal: (given: string) => void;
  /** Buttons shown after Reveal (Next step). */
  after?: ReactNode;
}

export function QuestionCard({ question, result, why, onReveal, after }: QuestionCardProps) {
  const id = useId();
  const [given, setGiven] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const answer = useRef<HTMLDivElement>(null);

  // Each question gets its own card (keyed by the caller). When it replaces one the learner was
  // answering (whose Next button has gone with it), or the Predict switch was just turned on,
  // focus moves to its first choice.
  useEffect(() => {
    const active = document.activeElement;
    const here = form.current?.closest('section')?.contains(active) ?? false;
    const fromSwitch = active?.getAttribute('role') === 'switch';
    if (here || fromSwitch || active === document.body) {
      form.current?.querySelector<HTMLInputElement>('input')?.focus();
    }
  }, []);

  // After Reveal, focus moves to the answer so a screen reader reads it and Tab reaches Next.
  useEffect(() => {
    if (result !== null) answer.current?.focus();
  }, [result]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (result === null) onReveal(given);
  };

  const spec = question.answer;
  return (
    <div className={styles.card}>
      <form ref={form} onSubmit={submit} aria-labelledby={`${id}-prompt`}>
        <p id={`${id}-prompt`} className={styles.prompt}>
          {question.prompt}
        </p>
        {spec.type === 'choice' ? (
          <fieldset className={styles.choices} disabled={result !== null}>
            <legend className={styles.hidden}>Your answer</legend>
            {spec.choices.map((choice) => (
              <label key={choice} className={styles.choice}>
                <input
                  type="radio"
                  name={`${id}-choice`}
                  value={choice}
                  checked={given === choice}
                  onChange={() => setGiven(choice)}
                />
                <span>{choice}</span>
              </label>
            ))}
          </fieldset>
        ) : (
          <div className={styles.numberRow}>
            <label htmlFor={`${id}-number`}>Your answer{spec.unit ? ` (${spec.unit})` : ''}</label>
            <input
              id={`${id}-number`}
              className={styles.number}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={given}
              disabled={result !== null}
              onChange={(event) => setGiven(event.currentTarget.value)}
            />
          </div>
        )}
        {result === null && (
          <button type="submit" className={styles.primary}>
            Reveal
          </button>
        )}
      </form>
      {result !== null && (
        <div ref={answer} tabIndex={-1} className={styles.answer} role="status">
          {result.given === null ? (
            <p className={styles.shown}>Answer: {answerText(spec)}.</p>
          ) : (
            <p className={result.right ? styles.right : styles.wrong}>
              {result.right
                ? `Right: ${answerText(spec)}.`
                : `Not quite: ${result.given.trim() === '' ? 'you gave no answer' : `you answered ${result.given.trim()}`}; the answer is ${answerText(spec)}.`}
            </p>
          )}
          {question.hint !== '' && <p className={styles.hint}>{question.hint}</p>}
          <p className={styles.why}>
            <span className={styles.whyLabel}>Why: </span>
            {why}
          </p>
        </div>
      )}
      {result !== null && after}
    </div>
  );
}
