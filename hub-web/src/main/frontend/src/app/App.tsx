import { Spinner } from '@digdir/designsystemet-react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { RouterProvider } from 'react-router';
import { LanguageProvider } from './i18n/LanguageProvider';
import { ProblemNotice } from './ProblemNotice';
import { router } from './routes';
import { useSession } from './session';
import { SignInPage } from './SignInPage';

const queries = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

export function App() {
  return (
    <QueryClientProvider client={queries}>
      <LanguageProvider>
        <SignedIn />
      </LanguageProvider>
    </QueryClientProvider>
  );
}

/** The app for a signed-in session; the sign-in page otherwise. */
function SignedIn() {
  const intl = useIntl();
  const session = useSession();
  if (session.isPending) {
    return <Spinner aria-label={intl.formatMessage({ id: 'app.loading' })} />;
  }
  if (session.error) {
    return (
      <main id="main" className="app-main">
        <ProblemNotice error={session.error} />
      </main>
    );
  }
  if (!session.data) {
    return <SignInPage />;
  }
  return <RouterProvider router={router} />;
}
