import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { linkUsesLessons } from './create-page-store';
import { loadLessonKit } from '../store/lesson-kit';
import './global.css';

function mount() {
  const root = document.getElementById('root');
  if (root) {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  }
}

// A link to a lesson or to predict mode opens on its step or question, so the lessons load
// first; any other page loads them when Lessons or Predict is first used. (A promise, not a
// top-level await: one of those turns off the bundler's merging of the page's chunks.)
if (linkUsesLessons(window.location.search)) void loadLessonKit().then(mount, mount);
else mount();
