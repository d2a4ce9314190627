import type { StateCreator } from 'zustand/vanilla';
import type { LabState, SelectionSlice } from '../types';

export const createSelectionSlice: StateCreator<LabState, [], [], SelectionSlice> = (set) => ({
  selectedId: null,
  select: (id) => set({ selectedId: id }),
});
