/**
 * What a packetdrill script tests, in its own words: the first paragraph of its leading comment
 * that is not a copyright or licence notice (scripts from Linux and Google open with one
 * sentence saying what they check, e.g. "Minimal active open.").
 */
const NOTICE = /copyright|licen[cs]e|redistribution|warrant|all rights reserved|spdx/i;
const MAX_LENGTH = 300;

export const NO_SUMMARY =
  'The script says nothing about itself: it plays the peer, the engine answers.';

export function scriptSummary(text: string): string {
  const paragraphs: string[][] = [[]];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const comment = /^(?:\/\/|#)\s?(.*)$/.exec(line);
    if (!comment) break;
    const words = (comment[1] ?? '').trim();
    if (words === '') paragraphs.push([]);
    else paragraphs.at(-1)?.push(words);
  }
  const found = paragraphs
    .map((lines) => lines.join(' '))
    .find((paragraph) => paragraph !== '' && !NOTICE.test(paragraph));
  if (found === undefined) return NO_SUMMARY;
  return found.length > MAX_LENGTH ? `${found.slice(0, MAX_LENGTH)}…` : found;
}
