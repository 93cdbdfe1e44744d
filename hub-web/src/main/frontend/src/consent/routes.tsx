import type { RouteObject } from 'react-router';
import { ConsentPage } from './ConsentPage';

/** The consent capability's pages, under /consent. */
export const consentRoutes: RouteObject[] = [{ path: 'consent', element: <ConsentPage /> }];
