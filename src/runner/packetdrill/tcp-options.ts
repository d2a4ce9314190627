/**
 * Options between script space and the engine's TcpOption: SACK blocks shift by the sequence
 * offset, TS ecr is mapped by the caller, Fast Open and MD5 become raw kinds 34, 254 and 19.
 */
import type { Seq, TcpOption } from '../../engine';
import type { ScriptTcpOption } from '../../wire/packetdrill/ast';

/** RFC 7413 Fast Open (34) and its experimental form (254 with magic 0xF989, RFC 6994). */
const KIND_FASTOPEN = 34;
const KIND_EXPERIMENTAL = 254;
const FASTOPEN_MAGIC = [0xf9, 0x89] as const;
const KIND_MD5 = 19;

const u32 = (n: number): number => n >>> 0;

function hexToBytes(hex: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  return bytes;
}

function bytesToHex(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Script option → engine option. `sackOffset` maps SACK edges; `ecr` is the live TS ecr. */
export function toEngineOption(
  option: ScriptTcpOption,
  sackOffset: number,
  ecr: number,
): TcpOption {
  switch (option.kind) {
    case 'nop':
    case 'eol':
    case 'sackOK':
      return { kind: option.kind };
    case 'mss':
      return { kind: 'mss', value: option.value };
    case 'wscale':
      return { kind: 'wscale', shift: option.shift };
    case 'sack':
      return {
        kind: 'sack',
        blocks: option.blocks.map(
          ([a, b]) => [u32(a + sackOffset) as Seq, u32(b + sackOffset) as Seq] as const,
        ),
      };
    case 'ts':
      return { kind: 'ts', val: option.val, ecr };
    case 'fastopen': {
      const cookie = hexToBytes(option.cookie ?? '');
      return option.experimental
        ? { kind: 'unknown', type: KIND_EXPERIMENTAL, data: [...FASTOPEN_MAGIC, ...cookie] }
        : { kind: 'unknown', type: KIND_FASTOPEN, data: cookie };
    }
    case 'md5':
      return { kind: 'unknown', type: KIND_MD5, data: hexToBytes(option.digest) };
    case 'raw':
      return { kind: 'unknown', type: option.type, data: hexToBytes(option.data) };
  }
}

/** Engine option → script option; SACK edges shifted by `sackOffset` (live → script). */
export function toScriptOption(option: TcpOption, sackOffset: number): ScriptTcpOption {
  switch (option.kind) {
    case 'nop':
    case 'eol':
    case 'sackOK':
      return { kind: option.kind };
    case 'mss':
      return { kind: 'mss', value: option.value };
    case 'wscale':
      return { kind: 'wscale', shift: option.shift };
    case 'sack':
      return {
        kind: 'sack',
        blocks: option.blocks.map(([a, b]) => [u32(a + sackOffset), u32(b + sackOffset)] as const),
      };
    case 'ts':
      return { kind: 'ts', val: option.val, ecr: option.ecr };
    case 'unknown': {
      if (option.type === KIND_FASTOPEN) {
        return { kind: 'fastopen', experimental: false, cookie: bytesToHex(option.data) };
      }
      if (
        option.type === KIND_EXPERIMENTAL &&
        option.data[0] === FASTOPEN_MAGIC[0] &&
        option.data[1] === FASTOPEN_MAGIC[1]
      ) {
        return { kind: 'fastopen', experimental: true, cookie: bytesToHex(option.data.slice(2)) };
      }
      if (option.type === KIND_MD5) return { kind: 'md5', digest: bytesToHex(option.data) };
      return { kind: 'raw', type: option.type, data: bytesToHex(option.data) };
    }
  }
}
