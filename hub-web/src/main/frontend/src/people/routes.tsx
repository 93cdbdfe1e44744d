import type { RouteObject } from 'react-router';
import { PeoplePage } from './PeoplePage';

/** The people capability's pages, under /people. */
export const peopleRoutes: RouteObject[] = [{ path: 'people', element: <PeoplePage /> }];
