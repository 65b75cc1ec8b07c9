import { Anchor, Button, Group, Text } from '@mantine/core';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';

/**
 * The form's last line: where the typing is kept (saved when, a draft, or only on this device) with a link to the
 * saved request, then "Save draft" (or "Save" once submitted) and, for a draft, "Submit".
 */
export function ConsultFormFooter({
  savedAt,
  savedId,
  isDraft,
  editable,
  busy,
  onSave,
  onSubmit,
}: {
  /** When this form last saved the request, or null. */
  savedAt: string | null;
  /** The saved request's id, or null before its first save. */
  savedId: string | null;
  isDraft: boolean;
  editable: boolean;
  busy: 'save' | 'submit' | null;
  onSave: () => void;
  onSubmit: () => void;
}) {
  const t = useT();
  return (
    <Group justify="space-between" wrap="wrap" gap="sm">
      <Text size="sm" c="dimmed" aria-live="polite">
        {savedAt
          ? t('consult.form.savedAt', { time: formatDateTime(savedAt, t.locale) })
          : savedId !== null
            ? t('consult.form.draftRef')
            : t('consult.form.keptLocally')}
        {savedId !== null && (
          <>
            {' '}
            <Anchor component={Link} href={`/consults/${encodeURIComponent(savedId)}`} size="sm">
              {t('consult.form.openRequest')}
            </Anchor>
          </>
        )}
      </Text>
      <Group gap="sm">
        <Button
          variant={isDraft ? 'default' : 'filled'}
          onClick={onSave}
          loading={busy === 'save'}
          disabled={busy !== null || !editable}
          data-testid="consult-save"
        >
          {isDraft ? t('consult.form.saveDraft') : t('common.save')}
        </Button>
        {isDraft && (
          <Button onClick={onSubmit} loading={busy === 'submit'} disabled={busy !== null} data-testid="consult-submit">
            {t('consult.form.submit')}
          </Button>
        )}
      </Group>
    </Group>
  );
}
