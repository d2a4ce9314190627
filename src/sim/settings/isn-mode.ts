/**
 * The ISN setting on a scenario: `random` gives every endpoint a random ISN from the run's seed
 * (RFC 9293 §3.4.1 asks for unpredictable ones), `textbook` the numbers the RFC's figures use
 * (client 700, server 200, by side), so a diagram reads like the book.
 */
import type { ScenarioEndpoint } from '../scenario';

export const TEXTBOOK_ISN = { client: 700, server: 200 } as const;

export type IsnModeName = 'textbook' | 'random';

export function withIsnMode(
  endpoints: readonly ScenarioEndpoint[],
  mode: IsnModeName,
): ScenarioEndpoint[] {
  return endpoints.map((endpoint) => ({
    ...endpoint,
    isn: mode === 'random' ? 'random' : TEXTBOOK_ISN[endpoint.side],
  }));
}

/** The mode a scenario's endpoints follow: random as soon as one of them is. */
export function isnModeOf(endpoints: readonly ScenarioEndpoint[]): IsnModeName {
  return endpoints.some((e) => e.isn === 'random') ? 'random' : 'textbook';
}
