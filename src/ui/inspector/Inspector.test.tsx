import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { deriveTraceFacts } from '../format/trace-facts';
import { DATA, HANDSHAKE, SYN } from '../format/testing/handshake-trace';
import { Inspector } from './Inspector';

const facts = deriveTraceFacts(HANDSHAKE);

describe('Inspector', () => {
  it('asks for a selection when there is none', () => {
    const html = renderToStaticMarkup(<Inspector segment={undefined} facts={facts} />);
    expect(html).toContain('Segment inspector');
    expect(html).toContain('Select a segment');
  });

  it('shows the label, the story, the bytes by field and a table of fields', () => {
    const html = renderToStaticMarkup(<Inspector segment={SYN} facts={facts} />);
    expect(html).toContain('#1 SYN seq=700');
    expect(html).toContain('The client sends a SYN with seq 700');
    expect(html).toContain('aria-label="Sequence number: 00 00 02 bc"');
    expect(html).toContain('<caption');
    expect(html).toContain('Header fields of segment #1');
    expect(html).toMatch(/<button[^>]*aria-pressed="false"[^>]*>Acknowledgment number<\/button>/);
  });

  it('shows a payload as text, and its bytes after the header', () => {
    const html = renderToStaticMarkup(<Inspector segment={DATA} facts={facts} />);
    expect(html).toContain('GET / HTTP/1.1\\r\\n\\r\\n');
    expect(html).toContain('aria-label="Payload: 47 45 54');
  });

  it('explains instead of failing when a hand-edited event cannot be encoded', () => {
    const broken = { ...SYN, len: 3 };
    const html = renderToStaticMarkup(<Inspector segment={broken} facts={facts} />);
    expect(html).toContain(
      'The bytes cannot be shown: segment #1: len is 3 but the payload holds 0 bytes',
    );
  });
});
