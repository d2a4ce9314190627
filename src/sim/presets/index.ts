/**
 * The presets: scenarios with a title and a paragraph saying what each teaches. Each one is a
 * JSON file beside this module, validated when the module loads (a broken preset is a bug,
 * so it fails loudly here rather than in front of a learner). The built app receives this
 * module's result as data, validated at build time (scripts/vite-presets.ts).
 */
import type { Scenario } from '../scenario';
import { validateScenario } from '../validate';
import handshake from './handshake.json';
import handshakeData from './handshake-data.json';
import lostSyn from './lost-syn.json';
import lostSynAck from './lost-syn-ack.json';
import lostAck from './lost-ack.json';
import synTimeout from './syn-timeout.json';
import closedPort from './closed-port.json';
import filteredPort from './filtered-port.json';
import simultaneousOpen from './simultaneous-open.json';
import activeClose from './active-close.json';
import passiveClose from './passive-close.json';
import simultaneousClose from './simultaneous-close.json';
import halfClose from './half-close.json';
import abortRst from './abort-rst.json';
import synFlood from './syn-flood.json';
import synCookies from './syn-cookies.json';
import randomLoss from './random-loss.json';
import highLatency from './high-latency.json';
import optionsNegotiation from './options-negotiation.json';
import isnWraparound from './isn-wraparound.json';
import oldDuplicate from './old-duplicate.json';
import loadBalancer from './load-balancer.json';
import acceptOverflow from './accept-overflow.json';
import slowAccept from './slow-accept.json';
import webPage from './web-page.json';
import handshakeIpv6 from './handshake-ipv6.json';
import slowStart from './slow-start.json';

export interface Preset {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly scenario: Scenario;
}

interface PresetFile {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly scenario: unknown;
}

const FILES: readonly PresetFile[] = [
  handshake,
  handshakeData,
  lostSyn,
  lostSynAck,
  lostAck,
  synTimeout,
  closedPort,
  filteredPort,
  simultaneousOpen,
  activeClose,
  passiveClose,
  simultaneousClose,
  halfClose,
  abortRst,
  synFlood,
  synCookies,
  randomLoss,
  highLatency,
  optionsNegotiation,
  isnWraparound,
  oldDuplicate,
  loadBalancer,
  acceptOverflow,
  slowAccept,
  webPage,
  handshakeIpv6,
  slowStart,
];

function load(file: PresetFile): Preset {
  const result = validateScenario(file.scenario);
  if (!result.ok) throw new Error(`preset ${file.name}: ${result.errors.join('; ')}`);
  return {
    name: file.name,
    title: file.title,
    description: file.description,
    scenario: result.scenario,
  };
}

export const presets: readonly Preset[] = FILES.map(load);

export function getPreset(name: string): Preset | undefined {
  return presets.find((p) => p.name === name);
}
