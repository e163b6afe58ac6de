/** Entry point: styles, the signed-in user (if any), and the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadUser } from './lib/account';
import { preloadPage } from './routes';
import './styles.css';

preloadPage(window.location.pathname);
void loadUser();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
