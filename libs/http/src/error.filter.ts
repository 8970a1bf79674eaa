import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { isConnectionLost } from '@ocop/db';
import { CommonError, CommonErrorCode, DomainError, tryAgain } from '@ocop/kernel';
import { statusForKind } from './error-status';

export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  requestId: string;
}

interface BodyParserError {
  type?: unknown;
}

/** The coded error a body-parser failure stands for, or undefined when the error is not the body parser's. */
function bodyParserError(error: unknown): InstanceType<typeof CommonError> | undefined {
  const type = (error as BodyParserError | null)?.type;
  switch (type) {
    case 'entity.parse.failed':
      return new CommonError('MALFORMED_JSON', 'The request body is not valid JSON');
    case 'entity.too.large':
      return new CommonError('PAYLOAD_TOO_LARGE', 'The request body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
    case 'entity.verify.failed':
      return new CommonError('UNSUPPORTED_MEDIA_TYPE', 'The request body cannot be read');
    default:
      return undefined;
  }
}

/**
 * Answers body-parser failures (malformed JSON, a body over the limit, an unreadable encoding) at once, with their
 * stable codes, on every route. Registered as Express error middleware right after the body parsers. It answers
 * rather than passing the error on: error middleware registered later (the web app's static files) would turn
 * any error on an /api path into a 404.
 */
export function translateBodyParserError(
  error: unknown,
  req: Request & { id?: string },
  res: Response,
  next: (e: unknown) => void,
): void {
  const coded = bodyParserError(error);
  if (!coded) return next(error);
  const body: ErrorBody = { code: coded.code, message: coded.message, requestId: String(req.id ?? '') };
  if (!res.headersSent) res.status(statusForKind(coded.kind)).json(body);
}

/**
 * Every failure leaves the api as `{ code, message, details?, requestId }`. Domain errors carry their own code;
 * framework and body-parser errors get stable common codes; anything else is an opaque 500 whose stack is logged.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const requestId = String(request.id ?? '');
    // A database connection lost under the request (terminated, failed over, restarted): say so, never an opaque 500.
    const lost = !(exception instanceof DomainError) && isConnectionLost(exception);
    const { status, body } = this.describe(
      lost ? tryAgain('database_connection_lost') : exception,
      requestId,
    );
    if (status === HttpStatus.SERVICE_UNAVAILABLE) {
      // A dependency is down (the health check says which): expected during an outage, no stack trace.
      this.log.warn({ requestId, url: request.originalUrl, details: body.details }, 'Service unavailable');
    } else if (status >= 500) {
      this.log.error(
        { err: exception, requestId, method: request.method, url: request.originalUrl },
        'Unhandled error while serving a request',
      );
    }
    const retryable = status === HttpStatus.TOO_MANY_REQUESTS || status === HttpStatus.SERVICE_UNAVAILABLE;
    if (retryable && typeof body.details?.['retryAfterSeconds'] === 'number') {
      response.setHeader('Retry-After', String(body.details['retryAfterSeconds']));
    }
    if (!response.headersSent) response.status(status).json(body);
  }

  private describe(exception: unknown, requestId: string): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      return {
        status: statusForKind(exception.kind),
        body: { code: exception.code, message: exception.message, details: exception.details, requestId },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404) return this.common(404, CommonErrorCode.RouteNotFound, 'No such route', requestId);
      if (status === 429)
        return this.common(429, CommonErrorCode.RateLimited, 'Too many requests', requestId);
      if (status === 413) return this.common(413, CommonErrorCode.PayloadTooLarge, 'Too large', requestId);
      if (status < 500)
        return this.common(status, CommonErrorCode.ValidationFailed, exception.message, requestId);
      if (status === 503) {
        // The health check's answer: which of PostgreSQL and Redis is down.
        const details = exception.getResponse();
        return {
          status: 503,
          body: {
            code: CommonErrorCode.ServiceUnavailable,
            message: 'A service this server depends on is unavailable',
            ...(typeof details === 'object' && details !== null
              ? { details: details as Record<string, unknown> }
              : {}),
            requestId,
          },
        };
      }
    }
    return this.common(500, CommonErrorCode.Internal, 'Something went wrong on our side', requestId);
  }

  private common(status: number, code: CommonErrorCode, message: string, requestId: string) {
    return { status, body: { code, message, requestId } };
  }
}
