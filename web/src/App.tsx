/** The app: the frame, and the page the location names (a lazy chunk, with a loading state while it arrives). */
import { Suspense, useEffect } from 'react';
import { Layout } from './components/Layout';
import { Loading } from './components/Status';
import { match, useLocation } from './lib/router';
import { NotFound, routes } from './routes';

export function App() {
  const { pathname, lang } = useLocation();
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const found = match(routes, pathname);
  const Page = found?.route.component ?? NotFound;
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        {/* Keyed by path: a new page starts with fresh state, even when it is the same kind of page. */}
        <Page key={pathname} params={found?.params ?? {}} />
      </Suspense>
    </Layout>
  );
}
