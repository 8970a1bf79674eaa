import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { APP_CONFIG, AppConfig } from '@ocop/config';
import type { ServerResponse } from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

/** Where the built browser app lives: WEB_DIST_DIR, else dist/web under the working directory (`npm run build`). */
export function webDistDir(config: AppConfig): string {
  return path.resolve(config.WEB_DIST_DIR ?? path.join(process.cwd(), 'dist', 'web'));
}

/**
 * Serves the browser app at `/`: hashed files under /assets are immutable; index.html (every page of the app, so
 * that a shared link like /sessions/:id opens directly) is never cached. /api, /health and /socket.io stay the
 * api's. Without a built app the api runs as before.
 */
@Module({})
export class WebAppModule {
  static forRoot(): DynamicModule {
    return {
      module: WebAppModule,
      imports: [
        ServeStaticModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const rootPath = webDistDir(config);
            if (!fs.existsSync(path.join(rootPath, 'index.html'))) return [];
            return [
              {
                rootPath,
                exclude: ['/api/{*rest}', '/health', '/socket.io/{*rest}'],
                serveStaticOptions: {
                  fallthrough: true,
                  setHeaders: (res: ServerResponse, file: string) => {
                    const immutable = file.includes(`${path.sep}assets${path.sep}`);
                    res.setHeader(
                      'Cache-Control',
                      immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
                    );
                  },
                },
              },
            ];
          },
        }),
      ],
    };
  }
}
