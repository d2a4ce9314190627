import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../global.css';
import { EmbedApp } from './EmbedApp';
import { createEmbed } from './embed-setup';
import { linkUsesLessons } from '../create-page-store';
import { loadLessonKit } from '../../store/lesson-kit';

function mount() {
  const root = document.getElementById('root');
  if (root) {
    const setup = createEmbed(window.location.search);
    createRoot(root).render(
      <StrictMode>
        <EmbedApp setup={setup} />
      </StrictMode>,
    );
  }
}

// An embed that asks before each step (predict=1) or opens a lesson has its questions from the
// first view (autoplay must not run past the first one), so the lessons load first. (A promise,
// not a top-level await: one of those turns off the bundler's merging of the page's chunks.)
if (linkUsesLessons(window.location.search)) void loadLessonKit().then(mount, mount);
else mount();
