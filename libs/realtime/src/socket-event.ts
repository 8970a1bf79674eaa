import { applyDecorators } from '@nestjs/common';
import { SubscribeMessage } from '@nestjs/websockets';

type PayloadClass = new () => object;

const PAYLOADS = new Map<string, PayloadClass>();

/**
 * Declares an inbound socket event and the class its payload is validated against (the same class the handler
 * passes to `handleEvent`). The declarations are the gateways' contract: the input-hygiene test sends bad text in
 * every field of every declared payload, so a new event is covered without editing the test.
 */
export function SocketEvent(event: string, payload: PayloadClass): MethodDecorator {
  const known = PAYLOADS.get(event);
  if (known && known !== payload) throw new Error(`Socket event ${event} is declared with two payload classes`);
  PAYLOADS.set(event, payload);
  return applyDecorators(SubscribeMessage(event));
}

/** Every inbound socket event declared so far, with its payload class. */
export function declaredSocketEvents(): ReadonlyMap<string, PayloadClass> {
  return PAYLOADS;
}
