import { Alert, Anchor, List } from '@mantine/core';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';

/**
 * What the server found missing when submitting (`details.issues[].field`), named in the reader's language,
 * with a link to complete the draft.
 */
export function MissingFields({ consultId, fields }: { consultId: string; fields: readonly string[] }) {
  const t = useT();
  return (
    <Alert color="orange" role="alert" title={t('case.missing.title')} data-testid="submit-missing">
      <List size="sm" spacing={2}>
        {fields.map((f) => {
          const key = `case.missing.${f}`;
          return <List.Item key={f}>{t.has(key) ? t(key) : f}</List.Item>;
        })}
      </List>
      <Anchor component={Link} href={`/consults/${encodeURIComponent(consultId)}/edit`} size="sm" fw={600} mt="xs" display="inline-block">
        {t('case.missing.edit')}
      </Anchor>
    </Alert>
  );
}
