import type { StateCreator } from 'zustand/vanilla';
import type { LabState, ViewSlice } from '../types';
import { defaultViewSpan } from './playback';

export const createViewSlice: StateCreator<LabState, [], [], ViewSlice> = (set, get) => ({
  timeAxis: 'compressed',
  presenting: false,
  largeType: false,
  setTimeAxis: (timeAxis) => set({ timeAxis, viewSpan: defaultViewSpan(get().timeline, timeAxis) }),
  setPresenting: (presenting) => set({ presenting }),
  setLargeType: (largeType) => set({ largeType }),
});
