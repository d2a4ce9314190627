/**
 * The open lesson's panel, or predict mode's: their code loads only once a lesson is opened or
 * Predict switched on, so a page that uses neither loads none of it.
 */
import { lazy } from 'react';
import { LazyPart } from '../lazy/LazyPart';
import type { LabState } from '../../store';
import { useLab } from '../../store';

const LessonPanel = lazy(() => import('./LessonPanel'));
const PredictPanel = lazy(() => import('../predict/PredictPanel'));

const selectShown = (s: LabState) =>
  s.lesson !== null ? 'lesson' : s.predict.on ? 'predict' : 'none';

export function QuestionPanels() {
  const shown = useLab(selectShown);
  if (shown === 'none') return null;
  return (
    <LazyPart what={shown === 'lesson' ? 'the lesson' : 'the prediction panel'}>
      {shown === 'lesson' ? <LessonPanel /> : <PredictPanel />}
    </LazyPart>
  );
}
