import type { RouteObject } from 'react-router';
import { AccessLogPage } from './AccessLogPage';
import { ConsentPage } from './ConsentPage';
import { ExportPage } from './ExportPage';
import { MePage } from './MePage';
import { PersonPage } from './PersonPage';

/**
 * The person's own pages, under /me (the hub's `GET /api/me` says who they are and whom they act
 * for): each person's consents, a consent's receipt and its withdrawal, the access log, and the
 * export. The data come from the same endpoints the office uses.
 */
export const meRoutes: RouteObject[] = [
  { path: 'me', element: <MePage /> },
  { path: 'me/:personId', element: <PersonPage /> },
  { path: 'me/:personId/consents/:consentId', element: <ConsentPage /> },
  { path: 'me/:personId/access-log', element: <AccessLogPage /> },
  { path: 'me/:personId/export', element: <ExportPage /> },
];
