/**
 * The React binding of one visualizer's store: a provider per mounted visualizer and a hook that
 * reads through a selector (components pass module-level named selectors).
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { LabStore } from './create-lab-store';
import type { LabState } from './types';

const LabStoreContext = createContext<LabStore | null>(null);

export function LabStoreProvider({ store, children }: { store: LabStore; children: ReactNode }) {
  return <LabStoreContext.Provider value={store}>{children}</LabStoreContext.Provider>;
}

/** The store itself, for actions and for subscriptions outside React's render (the frame loop). */
export function useLabStore(): LabStore {
  const store = useContext(LabStoreContext);
  if (!store) throw new Error('useLab must be used inside a LabStoreProvider.');
  return store;
}

export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(useLabStore(), selector);
}
