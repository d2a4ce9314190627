import type { StateCreator } from 'zustand/vanilla';
import type { LabState, ViewSlice } from '../types';
import { defaultViewSpan } from './playback';

export const createViewSlice =
  (initial: Pick<ViewSlice, 'timeAxis' | 'largeType'>): StateCreator<LabState, [], [], ViewSlice> =>
  (set, get) => ({
    timeAxis: initial.timeAxis,
    presenting: false,
    largeType: initial.largeType,
    setTimeAxis: (timeAxis) =>
      set({ timeAxis, viewSpan: defaultViewSpan(get().timeline, timeAxis) }),
    setPresenting: (presenting) => set({ presenting }),
    setLargeType: (largeType) => set({ largeType }),
  });
