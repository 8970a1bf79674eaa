import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Role } from '../../auth/AuthProvider';
import { RequireRole } from '../../auth/RequireRole';

/** A lazily loaded studio page behind RequireRole (any signed-in user when `roles` is left out). */
function guarded(path: string, load: () => Promise<ComponentType>, roles?: Role[]): RouteObject {
  return {
    path,
    lazy: async () => {
      const Page = await load();
      return {
        Component: () => (
          <RequireRole roles={roles}>
            <Page />
          </RequireRole>
        ),
      };
    },
  };
}

const STREAMER: Role[] = ['streamer'];

// The streamer studio. Every page is its own chunk. The studio home and the application page are for any
// signed-in user (a volunteer who is not a streamer yet sees how to become one); the rest need the streamer role.
export const studioRoutes: RouteObject[] = [
  guarded('studio', async () => (await import('./StudioHomePage')).StudioHomePage),
  guarded('studio/apply', async () => (await import('./ApplyPage')).ApplyPage),
  guarded('studio/sessions/new', async () => (await import('./SessionFormPage')).SessionFormPage, STREAMER),
  guarded(
    'studio/sessions/:id',
    async () => (await import('./SessionControlPage')).SessionControlPage,
    STREAMER,
  ),
  guarded(
    'studio/sessions/:id/edit',
    async () => (await import('./SessionFormPage')).SessionFormPage,
    STREAMER,
  ),
  guarded('studio/sessions/:id/summary', async () => (await import('./SummaryPage')).SummaryPage, STREAMER),
];
