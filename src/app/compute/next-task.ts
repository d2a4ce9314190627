/**
 * Yielding the page's main thread between steps of work, so each step is a task of its own (the
 * browser's long-task budget is 50 ms; the lab's bound is 100 ms, issue 17).
 */

/**
 * Resolves in a new task, after any input and rendering the browser has waiting. A message on a
 * MessageChannel, not setTimeout: timers are clamped after a few nested calls and throttled to
 * once a second in a hidden tab.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Resolves once the next frame has been drawn: its style, layout and paint are done in the
 * frame's own task, so work after it (closing a modal dialog, which restores focus and so reads
 * layout) finds them clean. A hidden page draws no frames: it only waits for a new task.
 */
export function afterNextPaint(): Promise<void> {
  if (document.visibilityState === 'hidden') return nextTask();
  return new Promise((resolve) => requestAnimationFrame(() => void nextTask().then(resolve)));
}
