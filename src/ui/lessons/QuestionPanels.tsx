/**
 * The open lesson's panel, or predict mode's: their code loads only once a lesson is opened or
 * Predict switched on, so a page that uses neither loads none of it.
 */
import { lazy, Suspense } from 'react';
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
    <Suspense fallback={null}>{shown === 'lesson' ? <LessonPanel /> : <PredictPanel />}</Suspense>
  );
}
