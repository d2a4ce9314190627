// The bench suites, each a module beside this file exporting a function that returns its rows.
export interface Suite {
  /** The name `npm run bench <name>` selects it by, and its module's file name. */
  readonly name: string;
  readonly exportName: string;
  readonly title: string;
}

export const suites: readonly Suite[] = [
  { name: 'engine', exportName: 'benchEngine', title: 'TCP engine' },
  { name: 'sim', exportName: 'benchSim', title: 'Simulated world' },
  { name: 'fork', exportName: 'benchFork', title: 'Forking a run in the store' },
  { name: 'ui', exportName: 'benchUi', title: 'Visualizer' },
];
