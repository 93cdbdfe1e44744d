import type { RouteObject } from 'react-router';
import { AuditEntryPage } from './AuditEntryPage';
import { AuditSearchPage } from './AuditSearchPage';

/** The audit capability's pages, under /audit. */
export const auditRoutes: RouteObject[] = [
  { path: 'audit', element: <AuditSearchPage /> },
  { path: 'audit/entries/:seq', element: <AuditEntryPage /> },
];
