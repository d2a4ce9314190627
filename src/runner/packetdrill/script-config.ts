/**
 * Which profile a script runs with and how its header options and shell commands tune it.
 * The profile follows the script's origin: Linux (google and kernel scripts, or any script that
 * sources defaults.sh) or FreeBSD (the tcp-testsuite; `rfc` when STANDARD is defined, the
 * branch that holds the RFC's answer).
 */
import { profiles, type Profile, type SynCookies } from '../../engine';
import { linuxHost, type SysctlChanges } from '../../sim/linux-sysctls';
import type { HeaderOption, Script } from '../../wire/packetdrill/ast';
import {
  DEFAULT_LINK,
  ipVersionOption,
  linkProblem,
  linkProfile,
  mtuOption,
  type IpVersion,
} from './script-link';
import { describeKeys, setkeyChange, type Md5KeyChange } from './setkey';
import { commandVerdicts, SCRIPT_KERNEL, type AtRun, type PieceVerdict } from './sysctl';

export type Origin = 'linux' | 'freebsd' | 'unknown';

export interface LineVerdict {
  readonly status: 'applied' | 'not-applicable';
  readonly reason: string;
  /** What the runner does to the running host when the line runs, in order. */
  readonly atRun?: readonly AtRun[];
  /** A sysctl after the first socket call: the running host's profile changes when it runs. */
  readonly retune?: Partial<Profile>;
  /** setkey: the host's TCP-MD5 keys change when the line runs (setkey.ts). */
  readonly md5Keys?: Md5KeyChange;
}

export interface RunConfig {
  readonly origin: Origin;
  readonly profile: Profile;
  /** When the host answers with SYN cookies (tcp_syncookies of the script's lines). */
  readonly synCookies: SynCookies;
  /** The largest listen() backlog (net.core.somaxconn). */
  readonly maxBacklog: number;
  /** packetdrill's timing tolerance: max(usecs, percent of the gap since the last event). */
  readonly toleranceUsecs: number;
  readonly tolerancePercent: number;
  /** 0: outbound TS val is not checked (packetdrill's default). */
  readonly tsTickUsecs: number;
  readonly strictSegments: boolean;
  readonly tsEcrScaled: boolean;
  readonly localIp: string;
  readonly remoteIp: string;
  readonly bindPort: number;
  readonly connectPort: number;
  /** `--ip_version` and `--mtu`: they decide the advertised MSS (script-link.ts). */
  readonly ipVersion: IpVersion;
  readonly mtu: number;
  /** `--tcp_md5_secret`: the key `md5 valid` lines are signed and checked with (md5-udp-lines.ts). */
  readonly md5Secret: string | null;
  /** The variations applied to the base profile, in words. */
  readonly notes: readonly string[];
  readonly optionVerdicts: readonly LineVerdict[];
  /** Verdicts for command events, by index in `script.events`. */
  readonly commandVerdicts: ReadonlyMap<number, LineVerdict>;
}

export interface ConfigRequest {
  readonly fileName?: string;
  readonly defines?: Readonly<Record<string, string>>;
  /** Overrides the base profile chosen from the origin. */
  readonly profile?: Profile;
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

export function detectOrigin(script: Script, fileName: string | undefined): Origin {
  const name = fileName === undefined ? '' : baseName(fileName);
  if (name.startsWith('google-packetdrill__') || name.startsWith('linux-selftests__'))
    return 'linux';
  if (name.startsWith('freebsd-tcp-testsuite__')) return 'freebsd';
  const commands = script.events.flatMap((e) =>
    e.action.type === 'command' ? [e.action.command] : [],
  );
  if (commands.some((c) => /defaults\.sh/.test(c))) return 'linux';
  if (commands.some((c) => /net\.inet\./.test(c))) return 'freebsd';
  return 'unknown';
}

/** A Google script named *v6.pkt with no --ip_version of its own (run_all.py StartTests()). */
function impliesIpv6(script: Script, fileName: string | undefined): boolean {
  if (fileName === undefined || !baseName(fileName).endsWith('v6.pkt')) return false;
  return !script.options.some((o) => o.name === 'ip_version');
}

function baseProfile(origin: Origin, request: ConfigRequest): Profile {
  if (request.profile) return request.profile;
  const standard = request.defines !== undefined && 'STANDARD' in request.defines;
  if (origin === 'linux') return profiles.linux;
  if (origin === 'freebsd') return standard ? profiles.rfc : profiles.freebsd;
  return profiles.rfc;
}

interface Timing {
  toleranceUsecs: number;
  tolerancePercent: number;
  tsTickUsecs: number;
  strictSegments: boolean;
  tsEcrScaled: boolean;
  localIp: string;
  remoteIp: string;
  bindPort: number;
  connectPort: number;
  ipVersion: IpVersion;
  mtu: number;
  md5Secret: string | null;
}

function applyOption(option: HeaderOption, timing: Timing): LineVerdict {
  const value = option.value ?? '';
  const numeric = Number(value);
  const number = (apply: (n: number) => void, what: string): LineVerdict => {
    if (value === '' || !Number.isFinite(numeric)) {
      return { status: 'not-applicable', reason: `--${option.name} needs a number` };
    }
    apply(numeric);
    return { status: 'applied', reason: what };
  };
  switch (option.name) {
    case 'tolerance_usecs':
      return number((n) => (timing.toleranceUsecs = n), `timing tolerance ${value} µs`);
    case 'tolerance_percent':
      return number((n) => (timing.tolerancePercent = n), `timing tolerance ${value} % of the gap`);
    case 'tcp_ts_tick_usecs':
      return number(
        (n) => (timing.tsTickUsecs = n),
        `outbound TS val checked, ${value} µs per tick`,
      );
    case 'bind_port':
      return number((n) => (timing.bindPort = n), `bind port ${value}`);
    case 'connect_port':
      return number((n) => (timing.connectPort = n), `connect port ${value}`);
    case 'strict_segments':
      timing.strictSegments = true;
      return { status: 'applied', reason: 'outbound segments are not aggregated' };
    case 'tcp_ts_ecr_scaled':
      timing.tsEcrScaled = true;
      return { status: 'applied', reason: 'inbound TS ecr interpolated from the first TS val' };
    case 'local_ip':
      timing.localIp = value;
      return { status: 'applied', reason: `local address ${value}` };
    case 'remote_ip':
      timing.remoteIp = value;
      return { status: 'applied', reason: `remote address ${value}` };
    case 'ip_version':
      return ipVersionOption(value, timing);
    case 'mtu':
      return mtuOption(value, timing);
    case 'tcp_md5_secret':
      if (value === '') return { status: 'not-applicable', reason: '--tcp_md5_secret needs a key' };
      timing.md5Secret = value;
      return {
        status: 'applied',
        reason: `'md5 valid' lines are signed and checked with the key '${value}' (RFC 2385)`,
      };
    case 'udp_encapsulation':
      // nplab packetdrill: what /udp(...) lines carry; segments without it stay plain TCP.
      return value === 'tcp'
        ? { status: 'applied', reason: 'lines written /udp(src > dst) carry their segment in UDP' }
        : {
            status: 'not-applicable',
            reason: `--udp_encapsulation=${value}: only TCP in UDP is a TCP engine's`,
          };
    case 'mss':
      return {
        status: 'not-applicable',
        reason:
          "--mss sets packetdrill's own tun device segmentation; the engine's MSS comes from its profile",
      };
    default:
      return {
        status: 'not-applicable',
        reason: `--${option.name} has no meaning in the simulation`,
      };
  }
}

function summarize(verdicts: readonly PieceVerdict[], late: boolean): LineVerdict {
  const atUse = verdicts.flatMap((v) => ('readAtUse' in v ? [v.readAtUse] : []));
  const settings = verdicts.flatMap((v) => ('setting' in v ? [v.setting] : []));
  const ignored = verdicts.flatMap((v) => ('notApplicable' in v ? [v.notApplicable] : []));
  const atRun = verdicts.flatMap((v) => ('atRun' in v ? [v.note] : []));
  const actions = verdicts.flatMap((v) => ('atRun' in v ? [v.atRun] : []));
  if (atRun.length > 0 && settings.length === 0 && atUse.length === 0) {
    const rest = ignored.length > 0 ? `; not modeled: ${ignored.join('; ')}` : '';
    return { status: 'applied', reason: `${atRun.join('; ')}${rest}`, atRun: actions };
  }
  if (late && settings.length > 0) {
    const read = settings.filter((s) => s.readAtUse);
    if (read.length === settings.length) {
      atUse.push(
        ...read.map((s) => `${s.note}, read by getsockopt; the running engine keeps its setting`),
      );
    } else if (settings.some((s) => s.synCookies !== undefined)) {
      return {
        status: 'not-applicable',
        reason: `a command after the first socket call cannot change the running engine's SYN cookies (${settings.map((s) => s.note).join('; ')})`,
      };
    } else {
      // The kernel reads its sysctls when it uses them: the running host takes the new
      // values when the line runs (runner.ts, engine retuneHost()).
      const rest = ignored.length > 0 ? `; not modeled: ${ignored.join('; ')}` : '';
      return {
        status: 'applied',
        reason: `${[...settings.map((s) => `${s.note}, from this line on`), ...atRun].join('; ')}${rest}`,
        retune: Object.assign({}, ...settings.map((s) => s.profile)) as Partial<Profile>,
        ...(atRun.length > 0 ? { atRun: actions } : {}),
      };
    }
  }
  const applied = [...(late ? [] : settings.map((s) => s.note)), ...atUse];
  if (applied.length === 0) return { status: 'not-applicable', reason: ignored.join('; ') };
  const rest = ignored.length > 0 ? `; not modeled: ${ignored.join('; ')}` : '';
  return { status: 'applied', reason: `${applied.join('; ')}${rest}` };
}

/**
 * packetdrill's default addresses for the IP version (config.c: 192.168.0.1 and 192.0.2.1 for
 * IPv4, fd3d:fa7b:d17d::1 and 2001:db8::1 for IPv6), unless --local_ip / --remote_ip name
 * others: a script may name them in its setkey lines, and a TCP-MD5 signature covers them.
 */
function useFamilyAddresses(script: Script, timing: Timing): void {
  if (timing.ipVersion !== 'ipv6') return;
  const named = new Set(script.options.map((o) => o.name));
  if (!named.has('local_ip')) timing.localIp = 'fd3d:fa7b:d17d::1';
  if (!named.has('remote_ip')) timing.remoteIp = '2001:db8::1';
}

export function configure(script: Script, request: ConfigRequest = {}): RunConfig {
  const origin = detectOrigin(script, request.fileName);
  const base = baseProfile(origin, request);
  const freebsdProfile = base.name === 'freebsd';
  const timing: Timing = {
    toleranceUsecs: 4000, // packetdrill's default --tolerance_usecs
    tolerancePercent: 12.5, // packetdrill's default --tolerance_percent
    tsTickUsecs: 0,
    strictSegments: false,
    tsEcrScaled: false,
    localIp: '192.168.0.1', // packetdrill's default --local_ip
    remoteIp: '192.0.2.1', // packetdrill's default --remote_ip
    bindPort: 8080,
    connectPort: 8080,
    md5Secret: null,
    ...DEFAULT_LINK,
  };
  const optionVerdicts = script.options.map((o) => applyOption(o, timing));
  const notes: string[] = [];
  if (origin === 'linux' && impliesIpv6(script, request.fileName)) {
    ipVersionOption('ipv6', timing);
    notes.push(
      "IPv6: Google's run_all.py runs a script whose name ends in v6.pkt over IPv6 only (its MTU stays 1500, the MSS the script expects)",
    );
  }
  useFamilyAddresses(script, timing);
  const problem = linkProblem(timing);
  if (problem !== null) {
    timing.mtu = DEFAULT_LINK.mtu;
    script.options.forEach((o, i) => {
      if (o.name === 'mtu') optionVerdicts[i] = { status: 'not-applicable', reason: problem };
    });
  }

  let profile: Profile = { ...base, ...linkProfile(timing) };
  let synCookies: SynCookies = 'never';
  // The Linux sysctls the lines so far set, from which a linux profile's numbers derive.
  let kernel: SysctlChanges = SCRIPT_KERNEL;
  /** net.core.somaxconn as the lines before the first socket call leave it (__sys_listen()). */
  let maxBacklog = linuxHost(kernel).maxBacklog;
  const verdicts = new Map<number, LineVerdict>();
  let started = false;
  /** The profile as the lines so far leave it, later sysctls included (the base of the next). */
  let running = profile;
  script.events.forEach((event, index) => {
    if (event.action.type !== 'command') {
      started = true;
      return;
    }
    const keys = setkeyChange(event.action.command);
    if (keys !== null) {
      verdicts.set(
        index,
        typeof keys === 'string'
          ? { status: 'not-applicable', reason: keys }
          : { status: 'applied', reason: describeKeys(keys), md5Keys: keys },
      );
      return;
    }
    const pieces = commandVerdicts(
      event.action.command,
      started ? running : profile,
      freebsdProfile,
      kernel,
    );
    for (const piece of pieces) {
      if ('setting' in piece && piece.setting.sysctls) {
        kernel = { ...kernel, ...piece.setting.sysctls };
      }
    }
    if (!started) {
      for (const piece of pieces) {
        if (!('setting' in piece)) continue;
        profile = { ...profile, ...piece.setting.profile };
        if (piece.setting.synCookies !== undefined) synCookies = piece.setting.synCookies;
        notes.push(piece.setting.note);
      }
      running = profile;
      maxBacklog = linuxHost(kernel).maxBacklog;
    }
    const verdict = summarize(pieces, started);
    if (verdict.retune) running = { ...running, ...verdict.retune };
    verdicts.set(index, verdict);
  });
  return {
    origin,
    profile,
    synCookies,
    maxBacklog,
    ...timing,
    notes,
    optionVerdicts,
    commandVerdicts: verdicts,
  };
}
