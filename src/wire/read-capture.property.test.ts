/**
 * A damaged capture is an answer, not an exception: whatever bytes arrive (a capture cut off
 * anywhere, bytes flipped anywhere), readCapture returns either packets or one message of one
 * sentence, and never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { presets, runScenario } from '../sim';
import { writePcap } from './pcap';
import { writePcapng } from './pcapng';
import { readCapture } from './read-capture';

const trace = runScenario(
  (presets.find((p) => p.name === 'handshake-data') ?? presets[0])!.scenario,
).trace;
const files = [
  writePcap(trace, { captureAt: 'link' }),
  writePcapng(trace, { captureAt: 'client', comment: (c) => `segment #${c.send.id}` }),
];

function expectOneAnswer(bytes: Uint8Array) {
  const reading = readCapture(bytes);
  if (reading.ok) {
    for (const p of reading.capture.packets) expect(Number.isFinite(p.t)).toBe(true);
  } else {
    expect(reading.message).toMatch(/^[A-Z].+\.$/s);
    expect(reading.message).not.toMatch(/\n|undefined|NaN|Infinity/);
  }
}

describe('readCapture on damaged bytes (property)', () => {
  it('a capture cut off anywhere', () => {
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.nat(), (file, cut) => {
        expectOneAnswer(file.slice(0, cut % (file.length + 1)));
      }),
    );
  });

  it('bytes overwritten anywhere', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 12 }),
        (file, edits) => {
          const bytes = file.slice();
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          expectOneAnswer(bytes);
        },
      ),
    );
  });

  it('any bytes at all', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => expectOneAnswer(bytes)));
  });
});
