import { Body, Controller, Get, HttpCode, Injectable, Module, OnModuleInit, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsString, MaxLength } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { Public } from '../../src/modules/auth/auth.decorators';
import { BatchJobHandler, JobContext, JobHandler } from '../../src/queue/job-handler.decorator';
import { JobRegistry } from '../../src/queue/job-registry';
import { QueueModule } from '../../src/queue/queue.module';
import { OutboxService, PublishOptions } from '../../src/queue/outbox.service';
import type { Topic } from '../../src/queue/topics';

/**
 * Test-only topics, each with one subscriber of the same name whose handler counts its committed
 * effects per key; `fact` has two subscribers (see PROBE_FACT_SUBSCRIBERS).
 */
export const PROBE_JOBS = {
  effect: 'probe.effect',
  slow: 'probe.slow',
  fragile: 'probe.fragile',
  batch: 'probe.batch',
  fact: 'probe.fact',
} as const;

/**
 * The two subscribers of `probe.fact`: `steady` counts the key, `flaky` counts `<key>:flaky` and
 * fails while `ProbeState.flakyFailing` is on.
 */
export const PROBE_FACT_SUBSCRIBERS = { steady: 'probe.fact-steady', flaky: 'probe.fact-flaky' } as const;

/** Probe topics are added to the registry at run time, not to the topic map: publishing them needs a cast. */
export function publishProbe(
  outbox: OutboxService,
  em: EntityManager,
  topic: string,
  payload: Record<string, unknown>,
  options?: PublishOptions,
): Promise<void> {
  return outbox.publish(em, topic as Topic, payload as never, options);
}

/** Events per `probe.batch` job. */
export const PROBE_BATCH = 10;

/** Shared with the test file (same process): makes `probe.fragile` fail until switched off. */
@Injectable()
export class ProbeState {
  failing = true;
  flakyFailing = false;
  started = 0;
  /** Runs of `probe.fact-steady` that reached its handler. */
  steadyRuns = 0;
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

  @JobHandler(PROBE_FACT_SUBSCRIBERS.steady)
  async steady(payload: Record<string, unknown>, { em }: JobContext): Promise<void> {
    this.state.steadyRuns++;
    await countEffect(em, String(payload.key));
  }

  @JobHandler(PROBE_FACT_SUBSCRIBERS.flaky)
  async flaky(payload: Record<string, unknown>, { em }: JobContext): Promise<void> {
    if (this.state.flakyFailing) throw new Error('flaky subscriber failure on purpose');
    await countEffect(em, `${String(payload.key)}:flaky`);
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

/** A business write that decides a fact with two subscribers: the shape every feature's use case will have. */
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
      await publishProbe(this.outbox, em, PROBE_JOBS.fact, { key: row.id });
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
      { name: PROBE_JOBS.effect, topic: PROBE_JOBS.effect as Topic, queue: 'system' },
      { name: PROBE_JOBS.slow, topic: PROBE_JOBS.slow as Topic, queue: 'system', attempts: 3 },
      { name: PROBE_JOBS.fragile, topic: PROBE_JOBS.fragile as Topic, queue: 'system', attempts: 3 },
      { name: PROBE_JOBS.batch, topic: PROBE_JOBS.batch as Topic, queue: 'system', attempts: 2, batch: PROBE_BATCH },
      { name: PROBE_FACT_SUBSCRIBERS.steady, topic: PROBE_JOBS.fact as Topic, queue: 'system' },
      { name: PROBE_FACT_SUBSCRIBERS.flaky, topic: PROBE_JOBS.fact as Topic, queue: 'system', attempts: 2 },
    ]),
  ],
  controllers: [ProbeController],
  providers: [
    ProbeState,
    ProbeHandlers,
    {
      provide: 'PROBE_TOPICS',
      useFactory: (registry: JobRegistry) => registry.addTopics(Object.values(PROBE_JOBS)),
      inject: [JobRegistry],
    },
  ],
  exports: [ProbeState],
})
export class EffectProbeModule {}

export async function effectCount(dataSource: DataSource, key: string): Promise<number> {
  const [row] = await dataSource.query(`SELECT count FROM probe_effects WHERE key = $1`, [key]);
  return row ? Number(row.count) : 0;
}
