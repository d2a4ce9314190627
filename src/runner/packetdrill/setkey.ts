/**
 * FreeBSD's setkey(8) as the tcp-testsuite's TCP-MD5 scripts use it: `echo 'add <src> <dst> tcp
 * <spi> -A tcp-md5 "<key>" ; ...' | setkey -c` adds a key per direction (a security
 * association, netipsec key.c, which tcp_signature_compute() looks up by the segment's
 * addresses), and `setkey -F` flushes them. The `kldload tcpmd5` before it loads the module
 * the engine has built in.
 */
import { canonicalAddress } from '../../engine';

export interface Md5Key {
  readonly src: string;
  readonly dst: string;
  readonly key: Uint8Array;
}

/** What a setkey command does to the host's TCP-MD5 keys. */
export interface Md5KeyChange {
  readonly flush: boolean;
  readonly add: readonly Md5Key[];
}

/** The key of `-A tcp-md5 <key>`: a "quoted string" or 0x-prefixed hex. */
function keyBytes(text: string): Uint8Array | null {
  const quoted = /^"([^"]*)"$/.exec(text);
  if (quoted) return new TextEncoder().encode(quoted[1]);
  if (/^0x([0-9a-f]{2})+$/i.test(text)) {
    return Uint8Array.from(
      text
        .slice(2)
        .match(/../g)!
        .map((h) => parseInt(h, 16)),
    );
  }
  return null;
}

/** One `add` statement as a key, or why it is not one setkey would take for TCP-MD5. */
function addStatement(statement: string): Md5Key | string {
  const words = statement.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  const [verb, src, dst, protocol, spi, flag, algorithm, key] = words;
  if (verb !== 'add' || protocol !== 'tcp' || flag !== '-A' || algorithm !== 'tcp-md5') {
    return `setkey '${statement.slice(0, 60)}': only 'add <src> <dst> tcp <spi> -A tcp-md5 <key>' is modeled`;
  }
  const from = canonicalAddress(src ?? '');
  const to = canonicalAddress(dst ?? '');
  if (from === undefined || to === undefined)
    return `setkey: '${src} ${dst}' are not two addresses`;
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(spi ?? '')) return `setkey: SPI '${spi}' is not a number`;
  const bytes = keyBytes(key ?? '');
  if (bytes === null || bytes.length === 0) {
    return `setkey: key '${key ?? ''}' is neither a "quoted string" nor 0x hex`;
  }
  return { src: from, dst: to, key: bytes };
}

/**
 * The change a shell command makes to the TCP-MD5 keys, null when it runs no setkey, or why
 * it cannot be followed.
 */
export function setkeyChange(command: string): Md5KeyChange | string | null {
  if (!/\bsetkey\b/.test(command)) return null;
  if (/\bsetkey\s+-F\b/.test(command)) return { flush: true, add: [] };
  const input = /\becho\s+'([^']*)'\s*\|\s*setkey\s+-c\b/.exec(command)?.[1];
  if (input === undefined)
    return "setkey: only `echo '...' | setkey -c` and `setkey -F` are modeled";
  const add: Md5Key[] = [];
  for (const statement of input
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const parsed = addStatement(statement);
    if (typeof parsed === 'string') return parsed;
    add.push(parsed);
  }
  return { flush: false, add };
}

/** The change in words, for the line's verdict. */
export function describeKeys(change: Md5KeyChange): string {
  if (change.flush) return 'setkey -F: every TCP-MD5 key is flushed';
  const pairs = change.add.map((k) => `${k.src} → ${k.dst}`).join(', ');
  return `setkey: TCP-MD5 keys for ${pairs} (RFC 2385)`;
}
