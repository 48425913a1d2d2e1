import { Global, Module } from '@nestjs/common';
import { Environment } from '../config/environment';
import { LocalDiskStorage } from './local-disk.storage';
import { FileStorage } from './storage';

/** Global: attachments, course packages and exports all keep their files in the one store. */
@Global()
@Module({
  providers: [
    {
      provide: FileStorage,
      useFactory: (env: Environment) => new LocalDiskStorage(env.STORAGE_DIR),
      inject: [Environment],
    },
  ],
  exports: [FileStorage],
})
export class StorageModule {}
