import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, CurrentPerson, Person } from '../../modules/auth/auth.decorators';
import { QUEUE_BOARD_PATH, QueueBoardPasses } from './queue-board';

@ApiTags('admin')
@Controller('admin/queues')
export class QueueBoardController {
  constructor(private readonly passes: QueueBoardPasses) {}

  @Post('session')
  @HttpCode(204)
  @Can('queues.read')
  @ApiOperation({
    summary: 'Open the queue dashboard in this browser',
    description:
      `System admins only. Sets a short-lived (QUEUE_BOARD_SESSION_MINUTES), HttpOnly, SameSite=Strict cookie ` +
      `scoped to \`${QUEUE_BOARD_PATH}\`, since the dashboard page cannot send a bearer token; then open ` +
      `\`${QUEUE_BOARD_PATH}\`. The dashboard is read-only: a dead job is sent again through the outbox.`,
  })
  @ApiNoContentResponse({
    description: 'The cookie is set',
    headers: { 'Set-Cookie': { description: 'lyluan_queues=…; Path=/admin/queues; HttpOnly; SameSite=Strict' } },
  })
  open(@CurrentPerson() person: Person, @Res({ passthrough: true }) reply: FastifyReply): void {
    const pass = this.passes.issue(person.userId);
    void reply.header('set-cookie', this.passes.cookie(pass.value, pass.maxAgeSeconds));
  }
}
