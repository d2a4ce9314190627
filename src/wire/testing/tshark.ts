/**
 * Running Wireshark's tshark on a capture and reading back, per frame, what it says: expert
 * items, checksum verdicts and retransmission analysis. One tshark run per file gives all of
 * it (tshark's start-up dominates the cost).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

export const TSHARK = '/usr/bin/tshark';

/** tshark's expert severities (epan/proto.h): PI_WARN is 0x00600000, PI_ERROR 0x00800000. */
export const SEVERITY_WARNING = 0x00600000;

export interface TsharkFrame {
  readonly number: number;
  /** Expert items of the frame, severity and message side by side. */
  readonly expert: readonly { readonly severity: number; readonly message: string }[];
  /** 1 good, 0 bad, 2 unverified (tcp.checksum.status, ip.checksum.status). */
  readonly tcpChecksum: string;
  readonly ipChecksum: string;
  readonly retransmission: boolean;
}

export function tsharkInstalled(): boolean {
  return existsSync(TSHARK);
}

/** Aggregates multiple values of one field; a control character no message contains. */
const SEPARATOR = '\u001f';

export function analyse(file: string): Promise<TsharkFrame[]> {
  const args = [
    '-n', // no name resolution: nothing to look up for 10.0.0.x
    '-r',
    file,
    '-o',
    'tcp.check_checksum:TRUE',
    '-o',
    'ip.check_checksum:TRUE',
    // Payloads are lab text such as "sort these: 3 1 2" on port 80, not always HTTP; the
    // application dissector's opinion of them says nothing about our TCP/IP bytes.
    '--disable-protocol',
    'http',
    '-T',
    'fields',
    '-E',
    `aggregator=${SEPARATOR}`,
    '-E',
    'occurrence=a',
    '-e',
    'frame.number',
    '-e',
    '_ws.expert.severity',
    '-e',
    '_ws.expert.message',
    '-e',
    'tcp.checksum.status',
    '-e',
    'ip.checksum.status',
    '-e',
    'tcp.analysis.retransmission',
  ];
  return new Promise((resolve, reject) => {
    execFile(TSHARK, args, { maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      // tshark prints a warning about running as root on stderr; only the exit status counts.
      if (error) reject(new Error(`tshark failed on ${file}: ${stderr.trim() || error.message}`));
      else
        resolve(
          stdout
            .split('\n')
            .filter((line) => line !== '')
            .map(parseLine),
        );
    });
  });
}

function parseLine(line: string): TsharkFrame {
  const [number = '', severities = '', messages = '', tcp = '', ip = '', retransmission = ''] =
    line.split('\t');
  const messageList = messages === '' ? [] : messages.split(SEPARATOR);
  const severityList = severities === '' ? [] : severities.split(SEPARATOR).map(Number);
  return {
    number: Number(number),
    expert: severityList.map((severity, i) => ({ severity, message: messageList[i] ?? '' })),
    tcpChecksum: tcp,
    ipChecksum: ip,
    retransmission: retransmission !== '',
  };
}

/** Runs `work` over `items` with at most `limit` running at once, keeping the order. */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
