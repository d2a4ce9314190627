import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/trace';
import { deriveTraceFacts } from '../format/trace-facts';
import { HANDSHAKE, send } from '../format/testing/handshake-trace';
import { EventLog } from './EventLog';

const facts = deriveTraceFacts(HANDSHAKE);

describe('EventLog', () => {
  it('is a table named Event log that counts every event and marks the current one', () => {
    const html = renderToStaticMarkup(
      <EventLog trace={HANDSHAKE} facts={facts} currentIndex={2} onSelectSegment={() => {}} />,
    );
    expect(html).toContain('aria-label="Event log"');
    expect(html).toContain(`aria-rowcount="${HANDSHAKE.length + 1}"`);
    expect(html).toMatch(/<tr aria-rowindex="4" aria-current="step"[^>]*>.*?SYN seq=700/);
    expect(html.match(/aria-current/g)).toHaveLength(1);
  });

  it('offers a button to select each segment row, pressed for the selected one', () => {
    const html = renderToStaticMarkup(
      <EventLog
        trace={HANDSHAKE}
        facts={facts}
        currentIndex={-1}
        selectedSegmentId={2}
        onSelectSegment={() => {}}
      />,
    );
    expect(html).toMatch(/aria-pressed="true"[^>]*>SYN-ACK seq=200 ack=701</);
    expect(html).toMatch(/aria-pressed="false"[^>]*>SYN seq=700</);
  });

  it('renders only the rows in view of a long trace, with spacers for the rest', () => {
    const long: TraceEvent[] = [];
    for (let i = 1; i <= 50_000; i++) long.push(send(i, 'client', ['ACK'], 701 + i, 201));
    const html = renderToStaticMarkup(
      <EventLog trace={long} facts={deriveTraceFacts(long)} currentIndex={-1} />,
    );
    expect(html).toContain('aria-rowcount="50001"');
    const rendered = html.match(/<tr aria-rowindex=/g) ?? [];
    expect(rendered.length).toBeLessThan(40);
    expect(html).toContain('aria-hidden="true"');
  });
});
