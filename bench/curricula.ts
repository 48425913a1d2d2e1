/**
 * `npm run bench` (fourth part): course package import at scale. Writes the `curricula` section of
 * bench/RESULTS.md.
 *
 * A package of 100 lessons (2–4 KB of Vietnamese Markdown each) and 1,000 questions of every type,
 * built in memory, is imported 5 times under new versions (wall time per `POST /courses/import`);
 * one imported course is then exported, and the export, under yet another version, imported again.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { readZip, writeZip } from '../src/common/zip';
import type { QuestionDraft } from '../src/modules/question-bank/question.types';
import {
  AppUnderTest,
  BENCH_ROOT,
  BENCH_TMP,
  machine,
  median,
  runFacts,
  startAppUnderTest,
  stopServer,
  writeResultsSection,
} from './support';

const PORT = 3104;
const DATABASE = 'lyluan_bench_curricula';
const LESSONS = 100;
const QUESTIONS = 1000;
const RUNS = 5;
const TARGET_SECONDS = 5;

const SENTENCES = [
  'Đảng Cộng sản Việt Nam ra đời ngày 3 tháng 2 năm 1930, là kết quả của sự kết hợp chủ nghĩa Mác - Lênin với phong trào công nhân và phong trào yêu nước Việt Nam.',
  'Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội xác định mục tiêu dân giàu, nước mạnh, dân chủ, công bằng, văn minh.',
  'Điều lệ Đảng quy định đảng viên phải tuyệt đối trung thành với mục đích lý tưởng của Đảng, chấp hành nghiêm chỉnh Cương lĩnh chính trị và nghị quyết của Đảng.',
  'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh là nhiệm vụ thường xuyên của mỗi cán bộ, đảng viên và quần chúng nhân dân.',
  'Tuyên Quang là Thủ đô khu giải phóng, Thủ đô kháng chiến; nơi Trung ương Đảng và Chủ tịch Hồ Chí Minh sống và làm việc trong những năm kháng chiến.',
  'Chi bộ là hạt nhân chính trị ở cơ sở, nơi trực tiếp giáo dục, quản lý và phân công công việc cho đảng viên.',
  'Nguyên tắc tập trung dân chủ là nguyên tắc tổ chức cơ bản của Đảng, bảo đảm sự thống nhất ý chí và hành động trong toàn Đảng.',
  'Người đảng viên phải gương mẫu trong công tác và sinh hoạt, gắn bó mật thiết với nhân dân, tôn trọng và phát huy quyền làm chủ của nhân dân.',
  'Tự phê bình và phê bình là quy luật phát triển của Đảng, giúp mỗi tổ chức đảng và đảng viên nhận rõ ưu điểm, khuyết điểm để sửa chữa.',
  'Công tác kiểm tra, giám sát góp phần giữ gìn kỷ luật, kỷ cương, làm trong sạch nội bộ và nâng cao năng lực lãnh đạo của Đảng.',
  'Phát triển kinh tế - xã hội là nhiệm vụ trung tâm, xây dựng Đảng là nhiệm vụ then chốt, phát triển văn hóa là nền tảng tinh thần của xã hội.',
  'Khối đại đoàn kết toàn dân tộc là đường lối chiến lược, là nguồn sức mạnh và động lực chủ yếu của sự nghiệp cách mạng Việt Nam.',
];

/** Markdown of about 2–4 KB (UTF-8 bytes), different for each lesson. */
function lessonMarkdown(i: number): string {
  const target = 2048 + ((i * 977) % 1800);
  const parts = [`# Bài ${i + 1}: Chuyên đề lý luận chính trị số ${i + 1}`, '', '## Mục tiêu', ''];
  parts.push(`- Nắm được nội dung cơ bản của chuyên đề ${i + 1}.`, '- Liên hệ với thực tiễn ở địa phương.', '');
  parts.push('## Nội dung', '');
  for (let s = 0; Buffer.byteLength(parts.join('\n')) < target; s++) {
    parts.push(SENTENCES[(i + s) % SENTENCES.length] + (s % 3 === 2 ? '\n' : ''));
  }
  return parts.join('\n');
}

const ANSWERS = [
  'Năm 1930',
  'Năm 1945',
  'Năm 1951',
  'Năm 1954',
  'Năm 1975',
  'Năm 1986',
  'Tân Trào',
  'Pác Bó',
  'Hà Nội',
  'Tuyên Quang',
  'Chi bộ',
  'Đảng bộ cơ sở',
  'Cấp ủy',
  'Ban Chấp hành Trung ương',
  'Tập trung dân chủ',
  'Tự phê bình và phê bình',
  'Đoàn kết thống nhất',
  'Gắn bó mật thiết với nhân dân',
  'Kiểm tra, giám sát',
  'Kỷ luật nghiêm minh',
];

/** Four distinct options (step 5 over 20 texts never repeats within a question). */
const fourOptions = (i: number) =>
  [0, 1, 2, 3].map((j) => ({ key: String.fromCharCode(65 + j), text: ANSWERS[(i + j * 5) % ANSWERS.length] }));

/** 40 % single choice, 20 % multiple choice (half with partial credit), 20 % true/false, 10 % short answer, 10 % essay. */
function question(i: number): QuestionDraft {
  const base = { lesson: i % LESSONS, tags: [`chuyen-de-${(i % LESSONS) + 1}`, `nhom-${i % 7}`] };
  const prompt = `Câu ${i + 1}: ${SENTENCES[i % SENTENCES.length].slice(0, 80)}… Chọn nhận định phù hợp.`;
  switch (i % 10) {
    case 0:
    case 1:
    case 2:
    case 3:
      return { ...base, type: 'single_choice', prompt, options: fourOptions(i), correct: 'ABCD'[i % 4], points: 1 };
    case 4:
    case 5: {
      const partial = i % 20 === 5;
      const options = fourOptions(i).map((o, j) => (partial ? { ...o, weight: j % 2 === 0 ? 50 : -50 } : o));
      return {
        ...base,
        type: 'multiple_choice',
        prompt,
        options,
        correct: ['A', 'C'],
        points: 2,
        ...(partial ? { partialCredit: true } : {}),
      };
    }
    case 6:
    case 7:
      return {
        ...base,
        type: 'true_false',
        prompt: `Đúng hay sai? ${SENTENCES[i % SENTENCES.length]}`,
        correct: String(i % 2 === 0),
        points: 1,
      };
    case 8:
      return {
        ...base,
        type: 'short_answer',
        prompt: `Câu ${i + 1}: Khu di tích quốc gia đặc biệt nơi họp Quốc dân Đại hội năm 1945 ở đâu?`,
        acceptedAnswers: ['Tân Trào', 'xã Tân Trào', 'Khu di tích Tân Trào'],
        points: 1,
        ...(i % 20 === 8 ? { ignoreDiacritics: true } : {}),
      };
    default:
      return {
        ...base,
        type: 'essay',
        prompt: `Câu ${i + 1}: Liên hệ nội dung chuyên đề ${(i % LESSONS) + 1} với nhiệm vụ của bản thân ở chi bộ.`,
        points: 5,
      };
  }
}

async function buildPackage(version: string): Promise<Buffer> {
  const lessons = Array.from({ length: LESSONS }, (_, i) => ({
    file: `lessons/${String(i + 1).padStart(3, '0')}-chuyen-de-${i + 1}.md`,
    title: `Chuyên đề lý luận chính trị số ${i + 1}`,
    periods: 1 + (i % 5),
    mandatory: i % 10 !== 9,
    objectives: [`Nắm được nội dung cơ bản của chuyên đề ${i + 1}`],
  }));
  const manifest = {
    programCode: 'NTVD',
    title: 'Bồi dưỡng nhận thức về Đảng (gói kiểm thử hiệu năng)',
    version,
    description: 'Gói khóa học tạo tự động để đo thời gian nhập: 100 bài học, 1.000 câu hỏi.',
    lessons,
    questions: 'questions.json',
  };
  const questions = Array.from({ length: QUESTIONS }, (_, i) => question(i));
  return writeZip([
    { path: 'course.json', content: Buffer.from(JSON.stringify(manifest, null, 2)) },
    ...lessons.map((lesson, i) => ({ path: lesson.file, content: Buffer.from(lessonMarkdown(i)) })),
    { path: 'questions.json', content: Buffer.from(JSON.stringify(questions, null, 2)) },
  ]);
}

async function importPackage(
  app: AppUnderTest,
  token: string,
  zip: Buffer,
): Promise<{ ms: number; status: number; body: string }> {
  const form = new FormData();
  form.append('file', new Blob([zip], { type: 'application/zip' }), 'package.zip');
  const started = performance.now();
  const response = await app.call('/api/v1/courses/import', { method: 'POST', body: form, token });
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, body };
}

/** The export's files under a new version: the same unit already holds the exported version (409). */
async function withVersion(zip: Buffer, version: string): Promise<Buffer> {
  const limits = { maxEntries: 10_000, maxTotalBytes: 1 << 30, maxEntryBytes: 1 << 30 };
  const files = await readZip(zip, limits);
  const manifest = JSON.parse(files.get('course.json')!.toString('utf8')) as Record<string, unknown>;
  files.set('course.json', Buffer.from(JSON.stringify({ ...manifest, version })));
  return writeZip([...files].map(([path, content]) => ({ path, content })));
}

async function main(): Promise<void> {
  const started = new Date();
  const host = machine();
  const app = await startAppUnderTest({
    name: 'curricula',
    port: PORT,
    database: DATABASE,
    env: { STORAGE_DIR: join(BENCH_TMP, 'curricula-storage') },
  });
  const db = new Client({ connectionString: app.databaseUrl });
  try {
    await db.connect();
    const token = await app.login();

    const times: number[] = [];
    const courseIds: string[] = [];
    let packageBytes = 0;
    for (let run = 1; run <= RUNS; run++) {
      const zip = await buildPackage(`bench-${run}`);
      packageBytes = zip.length;
      const result = await importPackage(app, token, zip);
      if (result.status !== 201) throw new Error(`import bench-${run}: ${result.status} ${result.body.slice(0, 500)}`);
      times.push(result.ms);
      courseIds.push((JSON.parse(result.body) as { id: string }).id);
      console.log(`bench: import bench-${run} (${(zip.length / 1024).toFixed(0)} KiB): ${result.ms.toFixed(0)} ms`);
    }

    const exportStarted = performance.now();
    const exported = await app.call(`/api/v1/courses/${courseIds[0]}/export`, { token });
    const exportZip = Buffer.from(await exported.arrayBuffer());
    const exportMs = performance.now() - exportStarted;
    if (exported.status !== 200) throw new Error(`export: ${exported.status} ${exportZip.toString('utf8', 0, 500)}`);
    console.log(`bench: export ${(exportZip.length / 1024).toFixed(0)} KiB in ${exportMs.toFixed(0)} ms`);
    const again = await importPackage(app, token, await withVersion(exportZip, 'bench-export'));
    if (again.status !== 201)
      console.error(`bench: re-import of the export: ${again.status} ${again.body.slice(0, 500)}`);
    const reimportedId = again.status === 201 ? (JSON.parse(again.body) as { id: string }).id : null;
    const counts = async (id: string) => {
      const [row] = (
        await db.query<{ lessons: number; questions: number }>(
          `SELECT (SELECT count(*)::int FROM lessons WHERE course_id = $1) AS lessons,
                  (SELECT count(*)::int FROM questions WHERE course_id = $1) AS questions`,
          [id],
        )
      ).rows;
      return row;
    };
    const imported = await counts(courseIds[0]);
    const roundTrip = reimportedId ? await counts(reimportedId) : { lessons: 0, questions: 0 };
    const complete = imported.lessons === LESSONS && imported.questions === QUESTIONS;
    const roundTripOk = again.status === 201 && roundTrip.lessons === LESSONS && roundTrip.questions === QUESTIONS;

    const sizes = Array.from({ length: LESSONS }, (_, i) => Buffer.byteLength(lessonMarkdown(i)));
    const sorted = [...times].sort((a, b) => a - b);
    const s = (ms: number) => (ms / 1000).toFixed(2);
    const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    writeResultsSection(
      join(BENCH_ROOT, 'bench', 'RESULTS.md'),
      'curricula',
      `
## Curricula at scale: course package import and export

Written by \`bench/curricula.ts\` (\`npm run bench\`); re-running replaces this section.

${runFacts(started, host)}
- App: \`node dist/src/main.js\` (role \`all\`) on port ${PORT}, fresh database \`${DATABASE}\`, PostgreSQL and Redis on the same machine; nothing pinned.
- Package: programme \`NTVD\`, ${LESSONS} lessons (Vietnamese Markdown, ${Math.min(...sizes).toLocaleString('en-US')}–${Math.max(...sizes).toLocaleString('en-US')} bytes each), ${QUESTIONS.toLocaleString('en-US')} questions (40 % single choice, 20 % multiple choice of which half with partial credit, 20 % true/false, 10 % short answer, 10 % essay), built in memory with \`writeZip\`: ${(packageBytes / 1024).toFixed(0)} KiB zipped.
- Wall time in the harness, from sending the multipart upload to the end of the \`201\` body, as the seeded system admin; each run under a new \`version\` (\`bench-1\`…\`bench-${RUNS}\`).

| Measure | Result | Target |
| ------- | -----: | -----: |
| \`POST /courses/import\`, ${RUNS} runs | min ${s(sorted[0])} s, median ${s(median(times))} s, max ${s(sorted[sorted.length - 1])} s (runs: ${times.map(s).join(', ')}) | under ${TARGET_SECONDS} s: ${pass(sorted[sorted.length - 1] < TARGET_SECONDS * 1000)} |
| Stored by the first import | ${imported.lessons} lessons, ${imported.questions} questions | ${LESSONS} / ${QUESTIONS}: ${pass(complete)} |
| \`GET /courses/:id/export\` | ${s(exportMs)} s, ${(exportZip.length / 1024).toFixed(0)} KiB | |
| Export imported again (version \`bench-export\`) | ${again.status}, ${roundTrip.lessons} lessons, ${roundTrip.questions} questions | 201 with everything: ${pass(roundTripOk)} |

The import unzips in memory, validates the whole package (manifest, every lesson, every question
with the same rules as the question bank), then writes the course, its lessons and its questions in
one transaction, so a refused package leaves nothing behind.
`,
    );
  } finally {
    await db.end().catch(() => undefined);
    await stopServer(app.server);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
