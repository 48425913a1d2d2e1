import { Body, Controller, Get, HttpCode, Injectable, Module, OnModuleInit, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsString, MaxLength } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { Public } from '../../src/modules/auth/auth.decorators';
import { BatchJobHandler, JobContext, JobHandler } from '../../src/queue/job-handler.decorator';
import { QueueModule } from '../../src/queue/queue.module';
import { OutboxService } from '../../src/queue/outbox.service';

/** Test-only jobs whose handlers count their committed effects per key. */
export const PROBE_JOBS = {
  effect: 'probe.effect',
  slow: 'probe.slow',
  fragile: 'probe.fragile',
  batch: 'probe.batch',
} as const;

/** Events per `probe.batch` job. */
export const PROBE_BATCH = 10;

/** Shared with the test file (same process): makes `probe.fragile` fail until switched off. */
@Injectable()
export class ProbeState {
  failing = true;
  started = 0;
  /** How many payloads each run of the batch handler received. */
  batchSizes: number[] = [];
}

async function countEffect(em: EntityManager, key: string): Promise<void> {
  await em.query(
    `INSERT INTO probe_effects (key, count) VALUES ($1, 1)
     ON CONFLICT (key) DO UPDATE SET count = probe_effects.count + 1`,
    [key],
  );
}

@Injectable()
export class ProbeHandlers implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly state: ProbeState,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.dataSource.query(
      `CREATE TABLE IF NOT EXISTS probe_effects (key text PRIMARY KEY, count int NOT NULL);
       CREATE TABLE IF NOT EXISTS probe_business (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), note text NOT NULL)`,
    );
  }

  @JobHandler(PROBE_JOBS.effect)
  async effect(payload: Record<string, unknown>, { em }: JobContext): Promise<void> {
    await countEffect(em, String(payload.key));
  }

  @JobHandler(PROBE_JOBS.slow)
  async slow(payload: Record<string, unknown>, { em }: JobContext): Promise<void> {
    this.state.started++;
    await new Promise((r) => setTimeout(r, Number(payload.ms)));
    await countEffect(em, String(payload.key));
  }

  @JobHandler(PROBE_JOBS.fragile)
  async fragile(payload: Record<string, unknown>, { em }: JobContext): Promise<void> {
    if (this.state.failing) throw new Error('probe failure on purpose');
    await countEffect(em, String(payload.key));
  }

  /** Counts every payload's effect; a payload marked `poison` always fails its whole run. */
  @BatchJobHandler(PROBE_JOBS.batch)
  async batch(payloads: Record<string, unknown>[], { em }: JobContext): Promise<void> {
    this.state.batchSizes.push(payloads.length);
    for (const payload of payloads) {
      if (payload.poison) throw new Error(`poison ${String(payload.key)}`);
      await countEffect(em, String(payload.key));
    }
  }
}

class BusinessWrite {
  @IsString()
  @MaxLength(100)
  note: string;
}

/** A business write that decides a side effect: the shape every feature's use case will have. */
@Public()
@Controller('probe')
export class ProbeController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  @Post('business')
  @HttpCode(201)
  async write(@Body() body: BusinessWrite): Promise<{ id: string }> {
    return this.dataSource.transaction(async (em) => {
      const [row] = await em.query(`INSERT INTO probe_business (note) VALUES ($1) RETURNING id`, [body.note]);
      await this.outbox.publish(em, PROBE_JOBS.effect, { key: row.id });
      return { id: row.id as string };
    });
  }

  /** A second call with the same note hits the primary key: the filter must answer 409. */
  @Post('unique')
  @HttpCode(201)
  async unique(@Body() body: BusinessWrite): Promise<void> {
    await this.dataSource.query(`INSERT INTO probe_effects (key, count) VALUES ($1, 0)`, [body.note]);
  }

  /** An unexpected failure carrying internals that must never reach the client. */
  @Get('boom')
  boom(): never {
    throw new Error('internal detail: postgres://probe-secret@db-host/lyluan');
  }
}

@Module({
  imports: [
    QueueModule.forFeature([
      { name: PROBE_JOBS.effect, queue: 'system' },
      { name: PROBE_JOBS.slow, queue: 'system', attempts: 3 },
      { name: PROBE_JOBS.fragile, queue: 'system', attempts: 3 },
      { name: PROBE_JOBS.batch, queue: 'system', attempts: 2, batch: PROBE_BATCH },
    ]),
  ],
  controllers: [ProbeController],
  providers: [ProbeState, ProbeHandlers],
  exports: [ProbeState],
})
export class EffectProbeModule {}

export async function effectCount(dataSource: DataSource, key: string): Promise<number> {
  const [row] = await dataSource.query(`SELECT count FROM probe_effects WHERE key = $1`, [key]);
  return row ? Number(row.count) : 0;
}
