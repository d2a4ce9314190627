import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../global.css';
import { EmbedApp } from './EmbedApp';
import { createEmbed } from './embed-setup';

const root = document.getElementById('root');
if (root) {
  const setup = createEmbed(window.location.search);
  createRoot(root).render(
    <StrictMode>
      <EmbedApp setup={setup} />
    </StrictMode>,
  );
}
