import type { SharedPage } from './share-cards.service';

const SHARED_PAGE = /^\/(sessions|products|producers)\/([^/]+)\/?$/;

/** The shared page a path opens (/sessions/:id, /products/:id, /producers/:id), or null for any other page. */
export function sharedPageOf(path: string): { page: SharedPage; id: string } | null {
  const match = SHARED_PAGE.exec(path);
  if (!match) return null;
  return { page: match[1] as SharedPage, id: match[2] as string };
}
