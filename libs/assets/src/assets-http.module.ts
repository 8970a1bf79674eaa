import { Module } from '@nestjs/common';
import { AssetsModule } from './assets.module';
import { AssetsController } from './http/assets.controller';
import { FilesController } from './http/files.controller';
import { UploadsController } from './http/uploads.controller';

/** The upload api (/api/uploads, /api/assets) and the files route (/files). */
@Module({
  imports: [AssetsModule],
  controllers: [UploadsController, AssetsController, FilesController],
})
export class AssetsHttpModule {}
