import 'reflect-metadata';
import { Controller, Get, INestApplication, Module, Type } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { ApiOkResponse, ApiProperty, DECORATORS, OpenAPIObject } from '@nestjs/swagger';
import { configSchema } from '@ocop/config';
import { applyRoutePrefix, describeApi } from '@ocop/http';
import { ApiModule } from './app.module';

/**
 * The OpenAPI document is the web app's typed client (`npm run web:api`), so whatever it gets wrong the client gets
 * wrong. Built here as openapi.ts builds it: the api's modules in preview mode, connecting to nothing.
 */

type Schema = Record<string, unknown>;

/** Every property that `type` alone leaves unknown: an untyped `object` becomes `Record<string, never>` in the client. */
function untypedProperties(schemas: Record<string, Schema>): string[] {
  const found: string[] = [];
  const check = (schema: Schema, where: string): void => {
    const typed = ['$ref', 'allOf', 'oneOf', 'anyOf', 'enum'].some((k) => k in schema);
    if (!typed && schema.type === undefined) found.push(`${where}: no type`);
    if (!typed && schema.type === 'object' && !schema.properties && !schema.additionalProperties) {
      found.push(`${where}: object without properties or additionalProperties`);
    }
    if (schema.type === 'array') {
      if (!schema.items) found.push(`${where}: array without items`);
      else check(schema.items as Schema, `${where}[]`);
    }
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
      check(property, `${where}.${name}`);
    }
    if (typeof schema.additionalProperties === 'object')
      check(schema.additionalProperties as Schema, `${where}{}`);
  };
  for (const [name, schema] of Object.entries(schemas)) check(schema, name);
  return found;
}

const BUILT_IN: unknown[] = [String, Number, Boolean, Object, Array, Date, Function, Promise];

/** `type: X`, `type: [X]`, `type: () => X` or `type: () => [X]` (swagger's lazy form: an arrow named `type`). */
function classesOf(type: unknown): Type<unknown>[] {
  if (Array.isArray(type)) return type.flatMap(classesOf);
  if (typeof type !== 'function' || BUILT_IN.includes(type)) return [];
  if (type.name === 'type' && !type.prototype) return classesOf((type as () => unknown)());
  return [type as Type<unknown>];
}

/** The name swagger files a class under: its @ApiSchema({ name }) or else its class name. */
function schemaName(type: Type<unknown>): string {
  const own = (Reflect.getOwnMetadata(DECORATORS.API_SCHEMA, type) ?? []) as { name?: string }[];
  return own[own.length - 1]?.name ?? type.name;
}

/**
 * Every class the controllers document (bodies, queries, params, responses, extra models, and the classes their
 * properties name, recursively), by schema name. Swagger keys schemas by that name, so two classes under one name
 * silently overwrite each other.
 */
function documentedClasses(app: INestApplication): Map<string, Set<Type<unknown>>> {
  const byName = new Map<string, Set<Type<unknown>>>();
  const seen = new Set<unknown>();
  const visit = (type: Type<unknown>, isModel: boolean): void => {
    if (seen.has(type)) return;
    const keys = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, type.prototype) ??
      []) as string[];
    // A parameter whose class documents nothing (Express' Request, an AuthUser interface...) is not a schema.
    if (!isModel && keys.length === 0) return;
    seen.add(type);
    const name = schemaName(type);
    byName.set(name, (byName.get(name) ?? new Set()).add(type));
    for (const key of keys) {
      const property = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, type.prototype, key.slice(1)) as
        | { type?: unknown; items?: { type?: unknown } }
        | undefined;
      for (const nested of [...classesOf(property?.type), ...classesOf(property?.items?.type)])
        visit(nested, true);
    }
    // Models a property names only by $ref (oneOf/anyOf) are registered with @ApiExtraModels on the class.
    const extra = (Reflect.getMetadata(DECORATORS.API_EXTRA_MODELS, type) ?? []) as unknown[];
    extra.flatMap(classesOf).forEach((t) => visit(t, true));
  };
  const visitDocumented = (target: object): void => {
    const responses = (Reflect.getMetadata(DECORATORS.API_RESPONSE, target) ?? {}) as Record<
      string,
      { type?: unknown }
    >;
    for (const response of Object.values(responses)) classesOf(response.type).forEach((t) => visit(t, true));
    const extra = (Reflect.getMetadata(DECORATORS.API_EXTRA_MODELS, target) ?? []) as unknown[];
    extra.flatMap(classesOf).forEach((t) => visit(t, true));
  };
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller) continue;
      visitDocumented(controller);
      for (
        let proto = controller.prototype as object;
        proto !== Object.prototype;
        proto = Object.getPrototypeOf(proto)
      ) {
        for (const method of Object.getOwnPropertyNames(proto)) {
          const handler = (proto as Record<string, unknown>)[method];
          if (method === 'constructor' || typeof handler !== 'function') continue;
          visitDocumented(handler);
          const params = (Reflect.getMetadata('design:paramtypes', proto, method) ?? []) as unknown[];
          params.flatMap(classesOf).forEach((t) => visit(t, false));
        }
      }
    }
  }
  return byName;
}

function collisions(classes: Map<string, Set<Type<unknown>>>): string[] {
  return [...classes.entries()]
    .filter(([, types]) => types.size > 1)
    .map(([name, types]) => `${name} (${types.size} classes)`);
}

async function preview(
  root: Type<unknown> | ReturnType<typeof ApiModule.forRoot>,
): Promise<INestApplication> {
  const app = await NestFactory.create(root, { preview: true, logger: false, abortOnError: false });
  applyRoutePrefix(app);
  return app;
}

describe('the OpenAPI document checks', () => {
  it('catch an untyped nullable property and two classes under one name', async () => {
    const first = (() => {
      class Twin {
        @ApiProperty() a!: string;
      }
      return Twin;
    })();
    const second = (() => {
      class Twin {
        @ApiProperty() b!: number;
      }
      return Twin;
    })();
    class Loose {
      @ApiProperty({ nullable: true }) value!: string | null;
    }
    @Controller('fixture')
    class FixtureController {
      @Get('a')
      @ApiOkResponse({ type: first })
      a(): string {
        return 'a';
      }
      @Get('b')
      @ApiOkResponse({ type: second })
      b(): string {
        return 'b';
      }
      @Get('c')
      @ApiOkResponse({ type: Loose })
      c(): string {
        return 'c';
      }
    }
    @Module({ controllers: [FixtureController] })
    class FixtureModule {}
    const app = await preview(FixtureModule);
    try {
      const schemas = (describeApi(app).components?.schemas ?? {}) as Record<string, Schema>;
      expect(untypedProperties(schemas)).toEqual([
        'Loose.value: object without properties or additionalProperties',
      ]);
      expect(collisions(documentedClasses(app))).toEqual(['Twin (2 classes)']);
    } finally {
      await app.close();
    }
  });
});

describe('the OpenAPI document (the source of the web client)', () => {
  let app: INestApplication;
  let doc: OpenAPIObject;

  beforeAll(async () => {
    const config = configSchema.parse({
      DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi',
      REDIS_URL: 'redis://127.0.0.1:1',
      JWT_ACCESS_SECRET: 'openapi-document-only-never-used-to-sign-anything',
    });
    app = await preview(ApiModule.forRoot({ config }));
    doc = describeApi(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('types every schema property (nullable and union properties need an explicit type)', () => {
    expect(untypedProperties((doc.components?.schemas ?? {}) as Record<string, Schema>)).toEqual([]);
  });

  it('types every parameter', () => {
    const untyped = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, { parameters?: { name: string; schema?: Schema }[] }>).flatMap(
        ([method, op]) =>
          (op.parameters ?? [])
            .filter((p) => !p.schema || !['type', '$ref', 'enum'].some((k) => k in p.schema!))
            .map((p) => `${method.toUpperCase()} ${path} ${p.name}`),
      ),
    );
    expect(untyped).toEqual([]);
  });

  it('files no two classes under one schema name', () => {
    const classes = documentedClasses(app);
    expect(collisions(classes)).toEqual([]);
    // The walk above saw every class the document holds (otherwise it could miss a collision).
    expect(Object.keys(doc.components?.schemas ?? {}).filter((name) => !classes.has(name))).toEqual([]);
  });
});
