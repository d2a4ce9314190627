/**
 * The bounds of a scenario, declared once: validation enforces them before a run starts, the
 * command line reads them for its options and for the scenario file, and docs/limits.md lists
 * them. Each keeps a hostile or mistyped scenario from costing minutes, gigabytes, or a trace
 * timed Infinity, while leaving every experiment a lesson needs far inside.
 */
export const SCENARIO_LIMITS = {
  /** Bytes of a scenario file, checked before it is read. */
  maxScenarioBytes: 1024 * 1024,
  maxEndpoints: 64,
  maxCalls: 1_000,
  maxFaults: 100,
  maxFirewallRules: 100,
  maxInjections: 100,
  /** Spoofed packets of all injections together (each is one source address). */
  maxInjectedPackets: 100_000,
  /** Events a run processes when the scenario does not say: a few seconds of work at most. */
  defaultMaxSteps: 100_000,
  /** The largest `maxSteps` a scenario may ask for. */
  maxSteps: 500_000,
  /** A moment in the run (`at`, `until`, a trigger's delay), ms: one day of virtual time. */
  maxTimeMs: 86_400_000,
  /** A delay on the link (delay, jitter, reorderDelay, a fault's `by`, an injection's interval), ms. */
  maxDelayMs: 60_000,
  /** Link bandwidth in bits per second, when it is not 0 (unlimited). */
  minBandwidth: 1_000,
  maxBandwidth: 1e12,
  /** Filler bytes of one `send` call (`bytes`). */
  maxSendBytes: 10_000_000,
} as const;
