/**
 * How text messages reach phones. Production plugs a provider behind this interface (an SMS brandname gateway);
 * here the `dev` gateway keeps the last messages in memory for the demo inbox page and writes a clearly marked log
 * line (the number masked), so a demo works without a provider. With `none`, nothing is sent.
 */
export interface SmsGateway {
  readonly kind: 'dev' | 'none';
  send(to: string, text: string): Promise<void>;
  /** Demo only: the last messages, newest first (null for a real gateway). */
  inbox(): { to: string; text: string; at: string }[] | null;
}

/** 0912345678 → 091•••5678: enough to tell numbers apart in a demo, not enough to read one. */
export function maskPhone(phone: string): string {
  return phone.length <= 7 ? '•••' : `${phone.slice(0, 3)}•••${phone.slice(-4)}`;
}

export function createSmsGateway(kind: 'dev' | 'none', log: { warn: (obj: object, msg: string) => void }): SmsGateway {
  const kept: { to: string; text: string; at: string }[] = [];
  return {
    kind,
    async send(to, text) {
      if (kind === 'none') return;
      kept.unshift({ to: maskPhone(to), text, at: new Date().toISOString() });
      kept.length = Math.min(kept.length, 50);
      // Demo mode only (SMS_GATEWAY=dev): the message is the point of the log line.
      log.warn({ demoSms: true, to: maskPhone(to), text }, 'DEMO SMS (not sent: SMS_GATEWAY=dev)');
    },
    inbox: () => (kind === 'dev' ? [...kept] : null),
  };
}
