import { useQuery } from '../../api/use-query';
import { otpApi } from './homecare.api';

/**
 * Whether the server runs in demo mode: its test SMS inbox answers (404 with a real SMS gateway). Demo-only
 * helpers (the test bank's "money received" button) are shown only then, and marked as a demo.
 */
export function useDemoMode(): boolean {
  const inbox = useQuery('demo-mode', (signal) => otpApi.devInbox(signal));
  return inbox.data !== undefined;
}
