/** The engine's public API (docs/engine.md describes the calling order). */
export * from './types';
export {
  seq,
  seqAdd,
  seqDiff,
  seqLt,
  seqLeq,
  seqGt,
  seqGeq,
  seqMax,
  seqMin,
  inWindow,
} from './seq';
export { flagNames, segmentLength } from './flags';
export { profiles, type Profile, type ProfileName, type OptionLayout } from './profiles';
export { PROFILE_FIELDS } from './profile-docs';
export { FastOpenBits } from './fastopen';
export { DEFAULT_IP_TTL, type IpFields, type IpOptions } from './ip-fields';
export { cookieFields } from './cookies';
export { mix32 } from './hash';
export type { Conn } from './conn';
export type { CongestionNote, CongestionPhase, CongestionSignal } from './congestion-state';
export type { KeepaliveSettings } from './keepalive';
export { optionLength, type Negotiated } from './options';
export type { IsnConfig, FourTuple } from './isn';
export type {
  AppCall,
  CallResult,
  HostConfig,
  Output,
  SocketInfo,
  SocketOptions,
  SynCookies,
} from './api';
export {
  createHost,
  handleCall,
  handlePacket,
  handleTimeout,
  nextDeadline,
  snapshotHost,
  hostSockets,
  socketInfo,
  unacknowledgedBytes,
  fastOpenReady,
  flushFastOpenCache,
  refuseTransmits,
  retuneHost,
  addMd5Key,
  flushMd5Keys,
  type Host,
} from './host';
export { md5 } from './md5';
export { MD5_OPTION_KIND, signatureOf, signatureValid, signatureIn, signPacket } from './tcp-md5';
export { udpEncapsPortError } from './udp-tunnel';
export { handleIcmp, type IcmpMessage, type QuotedSegment } from './icmp';
export { ICMP_TYPES, FRAGMENTATION_NEEDED } from './icmp-meaning';
export {
  addressBytes,
  canonicalAddress,
  formatEndpoint,
  formatIpv4Address,
  formatIpv6Address,
  ipFamily,
  isIpv4Mapped,
  parseIpv4Address,
  parseIpv6Address,
  type IpFamily,
} from './ip-address';
export { DEFAULT_SEND_MSS, IP_HEADER_BYTES, ethernetMss, profileForFamily } from './ip-family';
