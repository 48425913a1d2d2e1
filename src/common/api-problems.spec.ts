import { DECORATORS } from '@nestjs/swagger';
import { ApiProblems } from './api-problems';
import { conflict } from './problem';

type Documented = Record<
  string,
  {
    description: string;
    headers?: unknown;
    content: Record<string, { examples: Record<string, { summary: string; value: { code: string } }> }>;
  }
>;

function responsesOf(...decorators: MethodDecorator[]): Documented {
  class Controller {
    handler(): void {}
  }
  const descriptor = Object.getOwnPropertyDescriptor(Controller.prototype, 'handler')!;
  // Applied bottom-up, as TypeScript applies stacked decorators.
  for (const decorator of [...decorators].reverse()) decorator(Controller.prototype, 'handler', descriptor);
  return Reflect.getMetadata(DECORATORS.API_RESPONSE, descriptor.value) as Documented;
}

const examplesOf = (responses: Documented, status: number) =>
  responses[status].content['application/problem+json'].examples;

describe('ApiProblems', () => {
  it('documents a bare status with the problem the API really sends', () => {
    const responses = responsesOf(ApiProblems(400, 404));
    expect(examplesOf(responses, 400).validation_failed.value).toMatchObject({
      status: 400,
      code: 'validation_failed',
      errors: [{ field: 'code' }],
    });
    expect(examplesOf(responses, 404).not_found.value.code).toBe('not_found');
  });

  it('lists every code of a status, and keeps cases added by several decorators', () => {
    const taken = conflict('code_taken', 'Mã đã được dùng.');
    const closed = conflict('class_closed', 'Lớp đã kết thúc.');
    const responses = responsesOf(ApiProblems(taken), ApiProblems({ problem: closed, when: 'the class is closed' }));
    expect(Object.keys(examplesOf(responses, 409)).sort()).toEqual(['class_closed', 'code_taken']);
    expect(responses[409].description).toContain('- `class_closed`: the class is closed');
    expect(responses[409].description).toContain('- `code_taken`');
    expect(examplesOf(responses, 409).class_closed.value).toEqual({
      type: 'urn:lyluan:problem:class_closed',
      title: 'Xung đột dữ liệu',
      status: 409,
      detail: 'Lớp đã kết thúc.',
      code: 'class_closed',
    });
  });

  it('keeps two examples of one code apart', () => {
    const responses = responsesOf(
      ApiProblems({ problem: 400, when: 'a bad field' }, { problem: 400, when: 'bad dates' }),
    );
    expect(Object.keys(examplesOf(responses, 400))).toEqual(['validation_failed', 'validation_failed_2']);
  });

  it('tells a throttled client when to come back', () => {
    expect(responsesOf(ApiProblems(429))[429].headers).toHaveProperty('Retry-After');
  });
});
