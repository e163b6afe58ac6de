/** Entry point: styles, the signed-in user (if any), and the app. */
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadUser } from './lib/account';
import { splitLanguage } from './lib/router';
import { preloadPage } from './routes';
import './styles.css';

preloadPage(splitLanguage(window.location.pathname).pathname);
void loadUser();
const root = createRoot(document.getElementById('root')!);
// As a transition, the first render yields to the browser every few milliseconds instead of
// holding the main thread in one long task (Lighthouse's total blocking time on a phone).
startTransition(() => {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
