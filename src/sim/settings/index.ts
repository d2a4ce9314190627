/** The lab's settings, declared once (lab-settings.ts), and how each is read and written. */
export * from './lab-settings';
export * from './setting-kinds';
export * from './run-kinds';
export { quote, readOrigins, readSpeed } from './embed-params';
export { readFork, writeFork, type ForkStep, type ForkLinkField } from './fork-param';
export { TEXTBOOK_ISN, isnModeOf, withIsnMode, type IsnModeName } from './isn-mode';
export {
  DOCUMENTATION_PREFIX,
  IP_VERSIONS,
  describedOver,
  ipVersionOf,
  ipVersionProblem,
  ipv6OfIpv4,
  withIpVersion,
  type IpVersionName,
} from './ip-version';
export {
  canonicalSysctls,
  readSysctlOverrides,
  writeSysctlOverrides,
  type SysctlOverrides,
} from './sysctls-param';
