import type { RouteObject } from 'react-router';
import { RequireRole } from '../../auth/RequireRole';

// The notification inbox, its own chunk.
export const notificationRoutes: RouteObject[] = [
  {
    path: 'notifications',
    lazy: async () => {
      const { NotificationsPage } = await import('./NotificationsPage');
      return {
        Component: () => (
          <RequireRole>
            <NotificationsPage />
          </RequireRole>
        ),
      };
    },
  },
];
