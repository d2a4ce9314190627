import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../global.css';
import { EmbedApp } from './EmbedApp';
import { createEmbed } from './embed-setup';
import { linkUsesLessons } from '../create-page-store';
import { loadLessonKit } from '../../store/lesson-kit';

// An embed that asks before each step (predict=1) or opens a lesson has its questions from the
// first view (autoplay must not run past the first one), so the lessons load first.
if (linkUsesLessons(window.location.search)) await loadLessonKit().catch(() => undefined);

const root = document.getElementById('root');
if (root) {
  const setup = createEmbed(window.location.search);
  createRoot(root).render(
    <StrictMode>
      <EmbedApp setup={setup} />
    </StrictMode>,
  );
}
