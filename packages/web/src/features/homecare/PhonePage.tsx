import { Anchor, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';

/**
 * The frame of a patient page: one column no wider than a large phone, the title, an optional way back.
 * Works from 360 px up; on a desktop it stays a readable column.
 */
export function PhonePage({
  title,
  intro,
  back,
  children,
  testId,
  titleTestId,
}: {
  title: string;
  intro?: ReactNode;
  back?: { href: string; label: string };
  children: ReactNode;
  testId?: string;
  /** The title's test id (`home-title` on the patient's home, as on the staff home). */
  titleTestId?: string;
}) {
  return (
    <Stack gap="md" maw={600} w="100%" mx="auto" data-testid={testId}>
      {back && (
        <Anchor component={Link} href={back.href} size="sm" py={6}>
          ← {back.label}
        </Anchor>
      )}
      <Stack gap={4}>
        <Title order={1} size="h2" data-testid={titleTestId}>
          {title}
        </Title>
        {intro && (
          <Text c="dimmed" size="sm">
            {intro}
          </Text>
        )}
      </Stack>
      {children}
    </Stack>
  );
}

/** Skeleton cards while a list loads on a slow link. */
export function CardSkeletons({ count = 3, height = 72 }: { count?: number; height?: number }) {
  const t = useT();
  return (
    <Stack gap="sm" aria-busy="true" aria-label={t('common.loading')} role="status">
      {Array.from({ length: count }, (_, i) => (
        <Skeleton key={i} h={height} />
      ))}
    </Stack>
  );
}
