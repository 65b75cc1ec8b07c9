import { Button, Group } from '@mantine/core';
import type { ConsultAction, ConsultDetail } from '@vuonxa/core';
import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { Link } from '../../router';
import { ActionDialog, DIALOG_ACTIONS } from './ActionDialog';
import type { DialogAction } from './ActionDialog';

const isDialogAction = (a: ConsultAction): a is Exclude<DialogAction, 'reassign'> => (DIALOG_ACTIONS as readonly string[]).includes(a);
/** States in which the hub may change who answers. */
const REASSIGNABLE = ['accepted', 'scheduled', 'in_session'];

/**
 * The buttons for what the caller may do now (`detail.actions`, computed by the server), each opening its
 * dialog; the hub also reassigns specialists and schedules a live session (another page).
 */
export function ConsultActions({
  detail: d,
  onChanged,
  onReportOutcome,
}: {
  detail: ConsultDetail;
  onChanged: () => void;
  onReportOutcome: () => void;
}) {
  const t = useT();
  const [open, setOpen] = useState<DialogAction | null>(null);
  const isHub = d.myRoles.includes('hub');
  const dialogActions = d.actions.filter(isDialogAction);
  const canReassign = isHub && d.targetHub !== null && REASSIGNABLE.includes(d.state);
  const canSchedule = d.actions.includes('schedule') && d.targetHub !== null;
  const sessionHref = d.targetHub ? `/sessions/new?hubId=${encodeURIComponent(d.targetHub.id)}&consultIds=${encodeURIComponent(d.id)}` : '';
  if (dialogActions.length === 0 && !canReassign && !canSchedule && !d.actions.includes('report_outcome')) return null;
  return (
    <>
      <Group gap="xs" role="toolbar" aria-label={t('case.actions')} data-testid="consult-actions">
        {dialogActions.map((a) => (
          <Button
            key={a}
            variant={a === 'cancel' || a === 'decline' ? 'light' : a === 'close' ? 'default' : 'filled'}
            color={a === 'cancel' || a === 'decline' ? 'red' : undefined}
            onClick={() => setOpen(a)}
            data-testid={`consult-action-${a}`}
          >
            {t(`case.action.${a}`)}
          </Button>
        ))}
        {d.actions.includes('report_outcome') && (
          <Button onClick={onReportOutcome} data-testid="consult-action-report_outcome">
            {t('case.action.report_outcome')}
          </Button>
        )}
        {canSchedule && (
          <Button component={Link} href={sessionHref} variant="light" data-testid="consult-action-schedule">
            {t('case.action.schedule')}
          </Button>
        )}
        {canReassign && (
          <Button variant="default" onClick={() => setOpen('reassign')} data-testid="consult-action-reassign">
            {t('case.action.reassign')}
          </Button>
        )}
      </Group>
      <ActionDialog
        detail={d}
        action={open}
        onClose={() => setOpen(null)}
        onStale={onChanged}
        onDone={() => {
          setOpen(null);
          onChanged();
        }}
      />
    </>
  );
}
