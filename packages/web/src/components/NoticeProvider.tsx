import { Alert, Stack } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { NoticeContext } from './use-notice';
import type { Notice } from './use-notice';

const SHOW_MS = 6000;

/** A live region of short messages; each closes itself after a few seconds or by its close button. */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const t = useT();
  const [notices, setNotices] = useState<(Notice & { id: number })[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Set<number>());

  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);

  const notify = useCallback(
    (notice: Notice) => {
      const id = nextId.current++;
      setNotices((list) => [...list.slice(-2), { ...notice, id }]);
      const timer = window.setTimeout(() => {
        timers.current.delete(timer);
        dismiss(id);
      }, SHOW_MS);
      timers.current.add(timer);
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => window.clearTimeout(timer));
  }, []);

  return (
    <NoticeContext.Provider value={notify}>
      {children}
      <Stack
        pos="fixed"
        bottom={16}
        right={16}
        gap="xs"
        maw="calc(100vw - 32px)"
        w={380}
        style={{ zIndex: 400, pointerEvents: notices.length ? 'auto' : 'none' }}
        aria-live="polite"
      >
        {notices.map((n) => (
          <Alert
            key={n.id}
            color={n.color}
            variant="filled"
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => dismiss(n.id)}
          >
            {n.message}
          </Alert>
        ))}
      </Stack>
    </NoticeContext.Provider>
  );
}
