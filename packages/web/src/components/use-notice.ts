import { createContext, useContext } from 'react';

export interface Notice {
  color: 'green' | 'red' | 'yellow' | 'blue';
  message: string;
}

export const NoticeContext = createContext<((notice: Notice) => void) | null>(null);

/**
 * Shows a short message in the corner (saved, failed…) that does not belong to one form.
 *
 * @example
 * const notify = useNotice();
 * notify({ color: 'green', message: t('users.created') });
 */
export function useNotice(): (notice: Notice) => void {
  const notify = useContext(NoticeContext);
  if (!notify) throw new Error('useNotice outside NoticeProvider');
  return notify;
}
