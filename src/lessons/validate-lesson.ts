/**
 * validateLesson: untrusted JSON in, a `Lesson` or messages out, each naming the field and the
 * problem ("steps[2].ask.about: unknown state …"), as scenarios are checked (src/sim/validate.ts).
 * Every moment, segment reference and placeholder is parsed here, so a lesson that loads has no
 * typo left; whether its run really has each moment is checked by the course's test.
 */
import {
  Problems,
  checkArray,
  checkEnum,
  checkNumber,
  checkString,
  child,
  expectObject,
  type Json,
} from '../sim/validate-kit';
import type { Lesson, LessonAction, LessonQuestion, LessonRun, LessonStep } from './lesson';
import { parseMoment, type Moment } from './moment';
import { QUESTION_KINDS, type QuestionKind } from './question';
import { parseSegmentRef } from './segment-ref';
import { checkTemplate } from './template';

/** A lesson is a short walk, not a book: a bound keeps a hand-made file from exhausting the page. */
const MAX_STEPS = 100;

export type LessonValidation =
  | { readonly ok: true; readonly lesson: Lesson }
  | { readonly ok: false; readonly errors: string[] };

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Which moment each kind of question can be about. */
const ABOUT: Readonly<Record<QuestionKind, readonly Moment['kind'][]>> = {
  flags: ['send'],
  seq: ['send'],
  ack: ['send'],
  retransmission: ['send'],
  count: ['send'],
  state: ['state'],
  fate: ['fate'],
  timer: ['fire'],
  connect: ['connect'],
  time: ['send', 'fate', 'state', 'fire', 'connect', 'read'],
};

export function validateLesson(json: Json, scenarios: readonly string[]): LessonValidation {
  const problems = new Problems();
  if (
    !expectObject(problems, '(lesson)', json, ['id', 'title', 'goal', 'steps'], 'a JSON object')
  ) {
    return { ok: false, errors: problems.messages };
  }
  const id = checkString(problems, 'id', json.id);
  if (id !== undefined && !ID.test(id)) {
    problems.add('id', `must be lowercase words joined by hyphens, got ${JSON.stringify(id)}`);
  }
  const title = nonEmpty(problems, 'title', json.title);
  const goal = nonEmpty(problems, 'goal', json.goal);
  const list = checkArray(problems, 'steps', json.steps, MAX_STEPS);
  if (json.steps !== undefined && Array.isArray(json.steps) && list.length === 0) {
    problems.add('steps', 'must have at least one step');
  }
  if (json.steps === undefined) problems.add('steps', 'is missing');
  const steps = list.flatMap((s, i) => checkStep(problems, child('steps', i), s, scenarios) ?? []);
  if (problems.messages.length > 0) return { ok: false, errors: problems.messages };
  return { ok: true, lesson: { id: id ?? '', title: title ?? '', goal: goal ?? '', steps } };
}

function nonEmpty(problems: Problems, path: string, value: Json): string | undefined {
  const text = checkString(problems, path, value);
  if (text !== undefined && text.trim() === '') problems.add(path, 'must not be empty');
  return text;
}

function checkStep(
  problems: Problems,
  path: string,
  json: Json,
  scenarios: readonly string[],
): LessonStep | undefined {
  if (!expectObject(problems, path, json, ['run', 'at', 'text', 'ask', 'do'])) return undefined;
  const before = problems.messages.length;
  const run = checkRun(problems, child(path, 'run'), json.run, scenarios);
  const at = json.at === undefined ? undefined : checkMoment(problems, child(path, 'at'), json.at);
  const text = nonEmpty(problems, child(path, 'text'), json.text);
  if (text !== undefined) {
    for (const problem of checkTemplate(text)) problems.add(child(path, 'text'), problem);
  }
  const ask = json.ask === undefined ? undefined : checkAsk(problems, child(path, 'ask'), json.ask);
  const action =
    json.do === undefined ? undefined : checkAction(problems, child(path, 'do'), json.do);
  if (ask !== undefined && action !== undefined) {
    problems.add(path, 'a step either asks a question or asks for an action, not both');
  }
  if (problems.messages.length > before || run === undefined || text === undefined)
    return undefined;
  return {
    run,
    text,
    ...(at !== undefined ? { at } : {}),
    ...(ask !== undefined ? { ask } : {}),
    ...(action !== undefined ? { do: action } : {}),
  };
}

function checkMoment(problems: Problems, path: string, json: Json): string | undefined {
  const text = checkString(problems, path, json);
  if (text === undefined) return undefined;
  const moment = parseMoment(text);
  if ('problem' in moment) {
    problems.add(path, moment.problem);
    return undefined;
  }
  return text;
}

function checkRef(problems: Problems, path: string, json: Json): string | undefined {
  const text = checkString(problems, path, json);
  if (text === undefined) return undefined;
  const ref = parseSegmentRef(text);
  if ('problem' in ref) {
    problems.add(path, ref.problem);
    return undefined;
  }
  return text;
}

const RUN_KEYS = ['scenario', 'profile', 'isn', 'loss', 'delay', 'seed', 'drop'];

function checkRun(
  problems: Problems,
  path: string,
  json: Json,
  scenarios: readonly string[],
): LessonRun | undefined {
  if (!expectObject(problems, path, json, RUN_KEYS)) return undefined;
  const scenario = checkString(problems, child(path, 'scenario'), json.scenario);
  if (scenario !== undefined && !scenarios.includes(scenario)) {
    problems.add(child(path, 'scenario'), `there is no preset named ${JSON.stringify(scenario)}`);
  }
  const run: Record<string, unknown> = { scenario };
  if (json.profile !== undefined) {
    run.profile = checkEnum(problems, child(path, 'profile'), json.profile, [
      'rfc',
      'linux',
      'freebsd',
    ]);
  }
  if (json.isn !== undefined) {
    run.isn = checkEnum(problems, child(path, 'isn'), json.isn, ['textbook', 'random']);
  }
  if (json.loss !== undefined) {
    run.loss = checkNumber(problems, child(path, 'loss'), json.loss, { min: 0, max: 100 });
  }
  if (json.delay !== undefined) {
    run.delay = checkNumber(problems, child(path, 'delay'), json.delay, { min: 0, max: 10000 });
  }
  if (json.seed !== undefined) {
    run.seed = checkNumber(problems, child(path, 'seed'), json.seed, {
      min: 0,
      max: 4294967295,
      integer: true,
    });
  }
  if (json.drop !== undefined) run.drop = checkRef(problems, child(path, 'drop'), json.drop);
  return run as unknown as LessonRun;
}

function checkAsk(problems: Problems, path: string, json: Json): LessonQuestion | undefined {
  if (!expectObject(problems, path, json, ['kind', 'about'])) return undefined;
  const kind = checkEnum(problems, child(path, 'kind'), json.kind, QUESTION_KINDS);
  const about = checkMoment(problems, child(path, 'about'), json.about);
  if (kind === undefined || about === undefined) return undefined;
  const moment = parseMoment(about) as Moment;
  if (!ABOUT[kind].includes(moment.kind)) {
    problems.add(
      child(path, 'about'),
      `a ${kind} question is about a moment of ${ABOUT[kind].join(' or ')}, got "${moment.kind}"`,
    );
    return undefined;
  }
  return { kind, about };
}

function checkAction(problems: Problems, path: string, json: Json): LessonAction | undefined {
  if (!expectObject(problems, path, json, ['drop', 'loss'])) return undefined;
  const keys = Object.keys(json);
  if (keys.length !== 1) {
    problems.add(path, 'must name exactly one action: drop or loss');
    return undefined;
  }
  if (json.drop !== undefined) {
    const drop = checkRef(problems, child(path, 'drop'), json.drop);
    return drop === undefined ? undefined : { drop };
  }
  const loss = checkNumber(problems, child(path, 'loss'), json.loss, { min: 0, max: 100 });
  return loss === undefined ? undefined : { loss };
}
