import { createBrowserRouter, Navigate } from 'react-router';
import { auditRoutes } from '../audit/routes';
import { consentRoutes } from '../consent/routes';
import { exchangeRoutes } from '../exchange/routes';
import { meRoutes } from '../me/routes';
import { peopleRoutes } from '../people/routes';
import { plansRoutes } from '../plans/routes';
import { HomePage } from './HomePage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

/**
 * Every page of the app. Each capability lists its own routes in its folder's routes.tsx; the hub
 * serves index.html for any of these paths, so an address can be bookmarked and reloaded.
 */
export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      // Where the provider sends the browser after signing out; signed in again, it is home.
      { path: 'signed-out', element: <Navigate to="/" replace /> },
      ...peopleRoutes,
      ...consentRoutes,
      ...exchangeRoutes,
      ...auditRoutes,
      ...plansRoutes,
      ...meRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
