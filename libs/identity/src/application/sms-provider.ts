import { Injectable, Logger } from '@nestjs/common';

/**
 * Sends a text message to a phone. The platform depends on this interface only; a deployment binds its SMS gateway
 * to `SMS_PROVIDER` (SMS_PROVIDER in the config names which).
 */
export interface SmsProvider {
  /** `phone` in E.164 (+84...); `text` as the recipient reads it. Throws when the message could not be handed over. */
  send(phone: string, text: string): Promise<void>;
}

export const SMS_PROVIDER = Symbol('SMS_PROVIDER');

/**
 * The development and demo provider: writes the message to the server's log instead of sending it. Never for a real
 * deployment (the log then holds live codes).
 */
@Injectable()
export class LogSmsProvider implements SmsProvider {
  private readonly log = new Logger('SmsToLog');

  send(phone: string, text: string): Promise<void> {
    // The number is masked (logs keep no phones); the text is the point of this provider.
    this.log.log(`SMS to ${phone.slice(0, 5)}*****${phone.slice(-2)}: ${text}`);
    return Promise.resolve();
  }
}
