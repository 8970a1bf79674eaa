import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { CommonError } from '@ocop/kernel';

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints
      ? [{ field, problems: Object.values(error.constraints).map((m) => m.replace('property ', 'field ')) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Validates every body, query and param against its DTO: unknown fields are rejected (so a caller cannot set
 * `role`, `ownerId` or `status` by adding them), types are checked strictly, and the answer lists each field.
 */
@Injectable()
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => {
        const fields = flatten(errors);
        const summary = fields
          .slice(0, 3)
          .map((f) => `${f.field}: ${f.problems[0]}`)
          .join('; ');
        return new CommonError('VALIDATION_FAILED', `Invalid request: ${summary}`, { fields });
      },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto =
      typeof metadata.metatype === 'function' &&
      ![String, Number, Boolean, Array, Object].includes(metadata.metatype as never);
    if (
      metadata.type === 'body' &&
      isDto &&
      (value === null || typeof value !== 'object' || Array.isArray(value))
    ) {
      throw new CommonError('VALIDATION_FAILED', 'The request body must be a JSON object', {
        fields: [{ field: '(body)', problems: ['must be a JSON object'] }],
      });
    }
    return super.transform(value, metadata);
  }
}
