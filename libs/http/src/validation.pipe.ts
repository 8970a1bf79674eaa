import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { CommonError, findTextProblems, invalidText } from '@ocop/kernel';

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
 * Before any of that, every string in a body, query or param (field names included) must pass the text rules:
 * no NUL or control characters, no lone surrogates, no bidi overrides, not only invisible characters
 * (INVALID_TEXT), so that no such text reaches a service or PostgreSQL, whatever the DTO says.
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
    const validated = metadata.metatype !== undefined && this.toValidate(metadata);
    if (!validated && (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param')) {
      // A plain value (`@Query('q') q: string`, an untyped body): checked here, since no DTO validation runs.
      const problems = findTextProblems(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (problems.length > 0) throw invalidText(problems);
    }
    return super.transform(value, metadata);
  }

  /**
   * A DTO's instance, after its own transforms (trimming, NFC: "  " trimmed to "" is left to the field's rules) and
   * before its rules: text that breaks the platform's rules is refused first, so the answer is always INVALID_TEXT.
   */
  protected override validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> | ValidationError[] {
    const problems = findTextProblems(object);
    if (problems.length > 0) throw invalidText(problems);
    return super.validate(object, options);
  }
}
