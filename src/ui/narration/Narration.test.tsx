import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { deriveTraceFacts } from '../format/trace-facts';
import { HANDSHAKE } from '../format/testing/handshake-trace';
import { formatTime, Narration } from './Narration';

const facts = deriveTraceFacts(HANDSHAKE);

describe('Narration', () => {
  it('invites a first step before any event', () => {
    const html = renderToStaticMarkup(
      <Narration trace={HANDSHAKE} facts={facts} currentIndex={-1} />,
    );
    expect(html).toContain('Press Play or Next event to start');
    expect(html).not.toContain('Just before');
  });

  it('says the current event in a polite live region, with the two before it', () => {
    const html = renderToStaticMarkup(
      <Narration trace={HANDSHAKE} facts={facts} currentIndex={4} />,
    );
    const live = /<p[^>]*aria-live="polite"[^>]*>(.*?)<\/p>/.exec(html)?.[1] ?? '';
    expect(live).toContain('The SYN seq=700 (#1) arrives at the server');
    const earlier = /<ol[^>]*>(.*?)<\/ol>/.exec(html)?.[1] ?? '';
    expect(earlier).toContain('The client sends a SYN with seq 700');
    expect(earlier).toContain('The client moves from CLOSED to SYN-SENT');
    expect(earlier).not.toContain('asks to connect');
  });

  it('can stay quiet while playing fast', () => {
    const html = renderToStaticMarkup(
      <Narration trace={HANDSHAKE} facts={facts} currentIndex={2} announce={false} />,
    );
    expect(html).toContain('aria-live="off"');
  });

  it('writes virtual time in ms below a second and in s above', () => {
    expect(formatTime(25)).toBe('t = 25 ms');
    expect(formatTime(1025)).toBe('t = 1.025 s');
  });
});
