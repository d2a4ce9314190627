/**
 * Wireshark's own file tools (editcap, mergecap, text2pcap) making capture files the way
 * tcpdump and Wireshark save them, so the readers are tested against files we did not write.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex } from '../hex';

export const TOOLS = ['/usr/bin/editcap', '/usr/bin/mergecap', '/usr/bin/text2pcap'] as const;

export function wiresharkToolsInstalled(): boolean {
  return TOOLS.every((tool) => existsSync(tool));
}

const run = (tool: string, args: readonly string[]) =>
  execFileSync(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });

/** editcap -F FORMAT: the same packets in another file format (pcap, nsecpcap, pcapng). */
export function editcap(dir: string, input: Uint8Array, format: string): Uint8Array {
  const from = join(dir, `in-${format}.pcap`);
  const to = join(dir, `out-${format}`);
  writeFileSync(from, input);
  run('/usr/bin/editcap', ['-F', format, from, to]);
  return new Uint8Array(readFileSync(to));
}

/** mergecap -F pcapng: one file of several inputs, each on its own interface, in time order. */
export function mergecap(dir: string, inputs: readonly Uint8Array[]): Uint8Array {
  const names = inputs.map((bytes, i) => {
    const name = join(dir, `merge-${i}`);
    writeFileSync(name, bytes);
    return name;
  });
  const to = join(dir, 'merged.pcapng');
  run('/usr/bin/mergecap', ['-F', 'pcapng', '-w', to, ...names]);
  return new Uint8Array(readFileSync(to));
}

export interface TextFrame {
  /** Seconds since midnight, printed with nine decimals (text2pcap keeps nanoseconds). */
  readonly seconds: number;
  readonly data: Uint8Array;
}

/** text2pcap in regex mode: frames of a given link type, with nanosecond timestamps. */
export function text2pcap(
  dir: string,
  frames: readonly TextFrame[],
  options: { linkType: number; format: 'pcap' | 'nsecpcap' | 'pcapng'; extra?: readonly string[] },
): Uint8Array {
  const clock = (s: number) => {
    const whole = Math.floor(s);
    const nanos = Math.round((s - whole) * 1e9);
    const hh = String(Math.floor(whole / 3600)).padStart(2, '0');
    const mm = String(Math.floor((whole % 3600) / 60)).padStart(2, '0');
    const ss = String(whole % 60).padStart(2, '0');
    return `${hh}:${mm}:${ss}.${String(nanos).padStart(9, '0')}`;
  };
  const text = frames.map((f) => `${clock(f.seconds)} ${bytesToHex(f.data)}`).join('\n') + '\n';
  const from = join(dir, `frames-${options.linkType}.txt`);
  const to = join(dir, `frames-${options.linkType}-${options.format}`);
  writeFileSync(from, text);
  run('/usr/bin/text2pcap', [
    '-q',
    '-r',
    '^(?<time>[0-9:.]+) (?<data>[0-9a-f]+)$',
    '-t',
    '%H:%M:%S.%f',
    '-F',
    options.format,
    '-l',
    String(options.linkType),
    ...(options.extra ?? []),
    from,
    to,
  ]);
  return new Uint8Array(readFileSync(to));
}
