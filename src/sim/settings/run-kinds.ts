/** The kinds of the link settings, shared by their declarations and by the `fork` parameter. */
import { SCENARIO_LIMITS } from '../limits';

/** A delay on the link, ms: the scenario's own bound (docs/limits.md). */
export const DELAY_KIND = {
  kind: 'number',
  min: 0,
  max: SCENARIO_LIMITS.maxDelayMs,
  unit: ' ms',
} as const;
/** Loss as the lab shows it, in percent; a scenario holds it as a probability (÷ 100). */
export const LOSS_KIND = { kind: 'number', min: 0, max: 100, unit: ' %' } as const;
/** A moment of a run as a link or a host page gives it, ms. */
export const MOMENT_KIND = { kind: 'number', min: 0, max: 1e9, unit: ' ms' } as const;
export const SEED_KIND = { kind: 'number', min: 0, max: 4294967295, integer: true } as const;
