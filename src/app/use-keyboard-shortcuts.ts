/**
 * Keys that drive the run, chosen so a presentation clicker never misfires.
 * - PageDown / PageUp (what clickers send for next and back) step wherever focus is; B and "."
 *   (their "blank" button) play and pause, except while typing in a text field.
 * - →, ←, Home, End and Space drive playback too, except while the user types in a text field or
 *   operates a control that needs those keys: a slider a keyboard user reached with Tab (its
 *   focus ring shows), and Space on a select or button reached that way (its own press). After a
 *   click on a button, Space plays and pauses.
 * - A step goes to the next moment the diagram changes; with Shift, to the next single event.
 * - While a lesson is open, PageDown / PageUp and → / ← go through the lesson's steps instead:
 *   a question not yet answered shows its answer first, an action not yet done is done first
 *   (a clicker never skips what the step waits for). Shift still steps single events.
 * - The arrows of a radio group (a question's choices) stay with it.
 * - F enters or leaves presentation mode; Esc leaves it.
 * Keys inside an open dialog stay there.
 */
import { useEffect } from 'react';
import type { LabStore } from '../store';

/** A focus this soon after a pointer press came from that press. */
const POINTER_FOCUS_MS = 1000;

const TEXT_INPUTS = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password']);

function isTyping(target: Element): boolean {
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (target.tagName === 'TEXTAREA') return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}

function isSlider(target: Element): boolean {
  return target instanceof HTMLInputElement && target.type === 'range';
}

function isRadio(target: Element): boolean {
  return target instanceof HTMLInputElement && target.type === 'radio';
}

function isPressable(target: Element): boolean {
  return (
    target.tagName === 'BUTTON' ||
    target.tagName === 'SUMMARY' ||
    target.tagName === 'SELECT' ||
    target.getAttribute('role') === 'button' ||
    (target instanceof HTMLInputElement && ['checkbox', 'radio'].includes(target.type))
  );
}

/**
 * The action a key asks of the run, or undefined to leave the key to the focused element.
 * `byKeyboard`: whether the user reached the focused element from the keyboard (Tab), rather
 * than by clicking it — a keyboard user operates it; after a click the keys drive the run.
 */
function actionFor(
  event: KeyboardEvent,
  store: LabStore,
  presentation: boolean,
  byKeyboard: boolean,
): (() => void) | undefined {
  const state = store.getState();
  const target = event.target instanceof Element ? event.target : document.body;
  const inLesson = state.lesson !== null && !event.shiftKey;
  const next = inLesson
    ? state.presentNextLessonStep
    : event.shiftKey
      ? state.stepNext
      : state.nextStep;
  const previous = inLesson
    ? state.previousLessonStep
    : event.shiftKey
      ? state.stepPrevious
      : state.previousStep;
  // The clicker's keys: nothing on the page needs them more than the presenter does.
  if (event.key === 'PageDown') return next;
  if (event.key === 'PageUp') return previous;
  if (isTyping(target)) return undefined;
  switch (event.key) {
    case 'b':
    case 'B':
    case '.':
      return state.togglePlay;
    case 'f':
    case 'F':
      return presentation ? () => state.setPresenting(!state.presenting) : undefined;
    case 'Escape':
      return presentation && state.presenting ? () => state.setPresenting(false) : undefined;
  }
  if (event.defaultPrevented) return undefined;
  const keyboardSlider = isSlider(target) && byKeyboard;
  const ownArrows = keyboardSlider || isRadio(target);
  switch (event.key) {
    case 'ArrowRight':
      return ownArrows ? undefined : next;
    case 'ArrowLeft':
      return ownArrows ? undefined : previous;
    case 'Home':
      return keyboardSlider ? undefined : state.toStart;
    case 'End':
      return keyboardSlider ? undefined : state.toEnd;
    case ' ':
      // A keyboard user's Space presses the focused control; after a mouse click it plays.
      return isPressable(target) && byKeyboard ? undefined : state.togglePlay;
  }
  return undefined;
}

/** `presentation`: whether this page offers presentation mode (the full page; not an embed). */
export function useKeyboardShortcuts(store: LabStore, { presentation = false } = {}) {
  useEffect(() => {
    // Which element a pointer focused (a click on a button or slider focuses it in passing).
    let pointerAt = -Infinity;
    let pressed: Node | null = null;
    let clicked: EventTarget | null = null;
    const onPointerDown = (event: PointerEvent) => {
      pointerAt = event.timeStamp;
      pressed = event.target instanceof Node ? event.target : null;
    };
    // Only the element the press landed on (or the control its label names) was focused by it:
    // a focus a script or a closing dialog moves elsewhere just after a click is not a click.
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target instanceof Node ? event.target : null;
      const label = pressed instanceof Element ? pressed.closest('label') : null;
      const fromPress =
        target !== null &&
        pressed !== null &&
        (target.contains(pressed) || label?.control === target);
      clicked = fromPress && event.timeStamp - pointerAt < POINTER_FOCUS_MS ? target : null;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target instanceof Element && event.target.closest('dialog[open]')) return;
      const byKeyboard = event.target !== clicked;
      const action = actionFor(event, store, presentation, byKeyboard);
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('focusin', onFocusIn, true);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('focusin', onFocusIn, true);
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [store, presentation]);
}
