import type { RouteObject } from 'react-router';
import { ConsentPage } from './ConsentPage';
import { ReceiptPage } from './ReceiptPage';
import { RecordConsentPage } from './RecordConsentPage';

/**
 * The consent capability's pages, under /consent. The receipt's language is part of the path, not
 * `?lang=`, which chooses the language of the screens.
 */
export const consentRoutes: RouteObject[] = [
  { path: 'consent', element: <ConsentPage /> },
  { path: 'consent/new', element: <RecordConsentPage /> },
  { path: 'consent/:id/receipt/:language', element: <ReceiptPage /> },
];
