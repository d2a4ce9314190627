/**
 * Keeps the playhead before a question the learner has not answered (predict mode's and the open
 * lesson's): after every change of the store (playing, stepping, scrubbing) the store's own hold
 * actions pull it back if it went past.
 */
import { useEffect } from 'react';
import { useLabStore } from '../../store';

export function useQuestionHold() {
  const store = useLabStore();
  useEffect(() => {
    const hold = () => {
      store.getState().holdForLesson();
      store.getState().holdForPrediction();
    };
    hold();
    return store.subscribe(hold);
  }, [store]);
}
