import { Center, Loader } from '@mantine/core';
import { useT } from '../i18n/use-t';

/** A centred spinner with an accessible name, for a page or the whole screen while data loads. */
export function PageLoader({ fullScreen = false }: { fullScreen?: boolean }) {
  const t = useT();
  return (
    <Center mih={fullScreen ? '100vh' : 200} role="status" aria-live="polite">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}
