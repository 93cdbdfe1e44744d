import type { RouteObject } from 'react-router';
import { AuditPage } from './AuditPage';

/** The audit capability's pages, under /audit. */
export const auditRoutes: RouteObject[] = [{ path: 'audit', element: <AuditPage /> }];
