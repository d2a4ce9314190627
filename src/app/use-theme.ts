import { useEffect } from 'react';
import type { LabState, LabStore } from '../store';

const selectTheme = (s: LabState) => s.theme;

/** Puts the chosen theme on <html> (no attribute: follow the system). */
export function useTheme(store: LabStore) {
  useEffect(() => {
    const apply = (theme: LabState['theme']) => {
      const root = document.documentElement;
      if (theme === 'system') delete root.dataset.theme;
      else root.dataset.theme = theme;
    };
    apply(selectTheme(store.getState()));
    return store.subscribe((state, previous) => {
      if (selectTheme(state) !== selectTheme(previous)) apply(selectTheme(state));
    });
  }, [store]);
}
