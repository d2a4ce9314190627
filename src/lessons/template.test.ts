import { describe, expect, it } from 'vitest';
import { getPreset, runScenario } from '../sim';
import { checkTemplate, renderTemplate } from './template';

function traceOf(name: string) {
  const preset = getPreset(name);
  if (!preset) throw new Error(name);
  return runScenario(preset.scenario).trace;
}

describe('lesson text placeholders', () => {
  const handshake = traceOf('handshake');

  it('fills facts of the run: ISNs, fields of a named segment, times and states', () => {
    const text =
      '{isn client}/{isn server}: SYN-ACK ack {ack server:SYN-ACK#1}, {flags client:ACK#1}; established at {when state client ESTABLISHED}; server {state server}.';
    const end = handshake.length - 1;
    expect(renderTemplate(text, handshake, end)).toEqual({
      text: '700/200: SYN-ACK ack 701, ACK; established at 110 ms; server ESTABLISHED.',
      missing: [],
    });
  });

  it('reads a state at the moment of the step', () => {
    expect(renderTemplate('{state client}', handshake, -1).text).toBe('CLOSED');
    const synSent = handshake.findIndex((e) => e.type === 'send');
    expect(renderTemplate('{state client}', handshake, synSent).text).toBe('SYN-SENT');
  });

  it('counts transmissions, measures timers and stays, and reads connect()', () => {
    const timeout = traceOf('syn-timeout');
    expect(
      renderTemplate(
        '{sends client:SYN#1} SYNs; 7th timeout {timer client retransmit#7}; {connect client}',
        timeout,
        0,
      ).text,
    ).toMatch(/^\d+ SYNs; 7th timeout 4 s; ETIMEDOUT$/);
    expect(renderTemplate('{stay client TIME-WAIT}', traceOf('active-close'), 0).text).toBe('60 s');
  });

  it('reads what an application read, and when an old duplicate arrived (old-duplicate, textbook ISNs)', () => {
    const trace = traceOf('old-duplicate');
    const text =
      'new SYN {seq client:SYN#2}; copy of {seq client:DATA#1} at {when copy client:DATA#1}; read {read server#1}, then {read server#2}; {read client#1}';
    expect(renderTemplate(text, trace, 0)).toEqual({
      text: 'new SYN 700; copy of 701 at 470 ms; read GET /page-1, then GET /page-1; 200 OK',
      missing: [],
    });
    expect(renderTemplate('{read server#3}', trace, 0).missing).toEqual(['{read server#3}']);
    expect(checkTemplate('{read server} {when copy SYN#1}')).toEqual([
      '{read server}: "read" expects an endpoint and a count, such as "server#2"',
    ]);
  });

  it('measures the time between two moments: a page over new connections, then over one', () => {
    const trace = traceOf('web-page');
    const text =
      'new: {span call client connect#1 .. read client#3}; reused: {span call client connect#4 .. read client#6}; from {when call client connect#4}';
    expect(renderTemplate(text, trace, 0)).toEqual({
      text: 'new: 600 ms; reused: 400 ms; from 1.11 s',
      missing: [],
    });
    expect(renderTemplate('{span start .. read client#9}', trace, 0).missing).toHaveLength(1);
    expect(checkTemplate('{span read client#1} {span call client connect#0 .. end}')).toEqual([
      '{span read client#1}: "span" expects two moments joined by "..", such as "call client connect#1 .. read client#3"',
      '{span call client connect#0 .. end}: "span" the count after # starts at 1, got 0',
    ]);
  });

  it('reads the SACK blocks an ACK carries: data held past a hole, and a D-SACK (random-loss, seed 6)', () => {
    const preset = getPreset('random-loss');
    if (!preset) throw new Error('random-loss');
    const trace = runScenario({ ...preset.scenario, seed: 6 }).trace;
    expect(
      renderTemplate(
        '{ack server:ACK#1} {sack server:ACK#1}; {ack server:ACK#5} {sack server:ACK#5}',
        trace,
        0,
      ),
    ).toEqual({
      text: '701 705–709; 715 709–715',
      missing: [],
    });
    // An ACK with no SACK option has no blocks to report: the fact is missing, not empty.
    expect(renderTemplate('{sack client:ACK#1}', trace, 0).missing).toEqual([
      '{sack client:ACK#1}',
    ]);
  });

  it('spells out line breaks in what was read', () => {
    const trace = traceOf('handshake-data');
    expect(renderTemplate('{read server#1}', trace, 0).text).toBe(
      'GET / HTTP/1.1\\r\\nHost: example.com\\r\\n\\r\\n',
    );
  });

  it('marks what this run does not have instead of inventing it', () => {
    expect(renderTemplate('{seq client:FIN#1}', handshake, 0)).toEqual({
      text: '?',
      missing: ['{seq client:FIN#1}'],
    });
  });

  it('names each malformed placeholder', () => {
    expect(checkTemplate('{when state client OPEN} and {seq SYN#0} and {')).toEqual([
      '{when state client OPEN}: "when" unknown state "OPEN" (expected one of CLOSED, LISTEN, SYN-SENT, SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT)',
      '{seq SYN#0}: "seq" the count after # starts at 1, got 0',
      'a brace is not closed or not opened',
    ]);
  });
});
