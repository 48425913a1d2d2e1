import { posix } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { foldVietnamese } from '../../../common/vietnamese';
import { parseQuestionBank } from '../../question-bank/formats';
import { QuestionDraft } from '../../question-bank/question.types';
import { AttachmentType, ATTACHMENT_TYPES, sniffAttachmentType } from '../attachments/file-type';
import { CompletionRule, GradingScale, resolveCompletionRule, resolveGradingScale } from '../course-settings';
import { COURSE_VERSION, COURSE_VERSION_MESSAGE } from '../dto/course.dto';
import { MAX_LESSON_CONTENT, MAX_LESSON_PERIODS } from '../dto/lesson.dto';

/**
 * The course package format (examples/packages/README.md): a zip with `course.json` or
 * `course.yaml`, `lessons/*.md`, `attachments/*` linked from the lessons, and an optional
 * `questions.json`. Reading validates everything and reports every problem with its path.
 */
export interface PackageProblem {
  path: string;
  message: string;
  line?: number;
}

export interface PackageLesson {
  title: string;
  periods: number;
  mandatory: boolean;
  objectives: string[];
  content: string;
}

export interface PackageAttachment {
  path: string;
  content: Buffer;
  type: AttachmentType;
  /** The first lesson (by index) whose Markdown links to it. */
  lesson: number;
}

export interface CoursePackage {
  programCode: string;
  title: string;
  version: string;
  description: string | null;
  completionRule: CompletionRule;
  gradingScale: GradingScale;
  lessons: PackageLesson[];
  attachments: PackageAttachment[];
  questions: QuestionDraft[];
}

export type PackageRead = { ok: true; pkg: CoursePackage } | { ok: false; problems: PackageProblem[] };

const MANIFEST_FIELDS = [
  'programCode',
  'title',
  'version',
  'description',
  'completionRule',
  'gradingScale',
  'lessons',
  'questions',
];
const LESSON_FIELDS = ['file', 'title', 'periods', 'mandatory', 'objectives'];
const MAX_LESSONS = 1000;
const LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g;
const SUPPORTED = Object.keys(ATTACHMENT_TYPES).join(', ');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function lineAt(text: string, position: number): number {
  return text.slice(0, position).split('\n').length;
}

function decodeText(content: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/\r\n?/g, '\n');
  } catch {
    return null;
  }
}

/** Packages zipped with their folder (`zip -r x.zip chuyen-de/`) hold everything under one directory. */
function unwrapFolder(files: Map<string, Buffer>): Map<string, Buffer> {
  if (files.has('course.json') || files.has('course.yaml') || files.has('course.yml')) return files;
  const roots = new Set([...files.keys()].filter((name) => !name.startsWith('__MACOSX/')).map((n) => n.split('/')[0]));
  if (roots.size !== 1) return files;
  const [root] = roots;
  const prefix = `${root}/`;
  return new Map(
    [...files]
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, content]) => [name.slice(prefix.length), content]),
  );
}

function readManifest(files: Map<string, Buffer>, problems: PackageProblem[]): Record<string, unknown> | null {
  const present = ['course.json', 'course.yaml', 'course.yml'].filter((name) => files.has(name));
  if (present.length === 0) {
    problems.push({ path: 'course.json', message: 'gói thiếu tệp course.json (hoặc course.yaml)' });
    return null;
  }
  if (present.length > 1) {
    problems.push({ path: present[1], message: `chỉ được có một tệp mô tả khóa học, gói có: ${present.join(', ')}` });
    return null;
  }
  const [name] = present;
  const text = decodeText(files.get(name)!);
  if (text === null) {
    problems.push({ path: name, message: 'không phải văn bản UTF-8 hợp lệ' });
    return null;
  }
  let manifest: unknown;
  try {
    manifest = name === 'course.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      problems.push({ path: name, line: error.linePos?.[0].line, message: `YAML không hợp lệ: ${error.code}` });
    } else {
      const position = /position (\d+)/.exec((error as Error).message)?.[1];
      problems.push({
        path: name,
        line: position ? lineAt(text, Number(position)) : undefined,
        message: `JSON không hợp lệ: ${(error as Error).message}`,
      });
    }
    return null;
  }
  if (!isRecord(manifest)) {
    problems.push({ path: name, message: 'phải là một đối tượng' });
    return null;
  }
  return manifest;
}

function text(
  manifest: Record<string, unknown>,
  field: string,
  path: string,
  problems: PackageProblem[],
  { required = true, max = 300 } = {},
): string | null {
  const value = manifest[field];
  if (value === undefined || value === null) {
    if (required) problems.push({ path, message: 'là bắt buộc' });
    return null;
  }
  if (typeof value !== 'string' || (required && value.trim() === '')) {
    problems.push({ path, message: 'phải là chuỗi ký tự không rỗng' });
    return null;
  }
  if (value.length > max) {
    problems.push({ path, message: `không được dài quá ${max} ký tự` });
    return null;
  }
  return value.trim().normalize('NFC');
}

/** Attachment paths (`attachments/…`) a lesson links to, resolved from its file's folder. */
function linkedAttachments(lessonFile: string, content: string): string[] {
  const found: string[] = [];
  for (const match of content.matchAll(LINK)) {
    const target = match[1].replace(/[?#].*$/, '');
    if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/')) continue;
    let decoded: string;
    try {
      decoded = decodeURI(target);
    } catch {
      decoded = target;
    }
    const resolved = posix.normalize(posix.join(posix.dirname(lessonFile), decoded));
    if (resolved.startsWith('attachments/')) found.push(resolved.normalize('NFC'));
  }
  return found;
}

function readLessons(
  manifest: Record<string, unknown>,
  files: Map<string, Buffer>,
  problems: PackageProblem[],
): { lessons: PackageLesson[]; links: Map<string, number> } {
  const lessons: PackageLesson[] = [];
  const links = new Map<string, number>();
  const list = manifest.lessons;
  if (!Array.isArray(list) || list.length === 0) {
    problems.push({ path: 'lessons', message: 'phải là danh sách có ít nhất một bài học' });
    return { lessons, links };
  }
  if (list.length > MAX_LESSONS) {
    problems.push({ path: 'lessons', message: `không được có quá ${MAX_LESSONS} bài học` });
    return { lessons, links };
  }
  const usedFiles = new Set<string>();
  list.forEach((entry: unknown, i) => {
    const at = `lessons[${i}]`;
    if (!isRecord(entry)) {
      problems.push({ path: at, message: 'phải là một đối tượng' });
      return;
    }
    for (const key of Object.keys(entry).filter((k) => !LESSON_FIELDS.includes(k))) {
      problems.push({ path: `${at}.${key}`, message: 'trường này không được phép' });
    }
    const title = text(entry, 'title', `${at}.title`, problems);
    const periods = entry.periods;
    if (typeof periods !== 'number' || !Number.isInteger(periods) || periods < 1 || periods > MAX_LESSON_PERIODS) {
      problems.push({ path: `${at}.periods`, message: `phải là số nguyên từ 1 đến ${MAX_LESSON_PERIODS}` });
    }
    if (entry.mandatory !== undefined && typeof entry.mandatory !== 'boolean') {
      problems.push({ path: `${at}.mandatory`, message: 'phải là true hoặc false' });
    }
    const objectives = entry.objectives ?? [];
    if (!Array.isArray(objectives) || objectives.some((o) => typeof o !== 'string' || o.trim() === '')) {
      problems.push({ path: `${at}.objectives`, message: 'phải là danh sách chuỗi ký tự không rỗng' });
    }
    const file = text(entry, 'file', `${at}.file`, problems);
    let content: string | null = null;
    if (file !== null) {
      if (!/^lessons\/[^/]+\.md$/i.test(file)) {
        problems.push({ path: `${at}.file`, message: 'phải là một tệp .md trong thư mục lessons/' });
      } else if (!files.has(file)) {
        problems.push({ path: `${at}.file`, message: `gói không có tệp ${file}` });
      } else if (usedFiles.has(file)) {
        problems.push({ path: `${at}.file`, message: `tệp ${file} đã được dùng cho một bài học khác` });
      } else {
        usedFiles.add(file);
        content = decodeText(files.get(file)!);
        if (content === null) problems.push({ path: file, message: 'không phải văn bản UTF-8 hợp lệ' });
        else if (content.length > MAX_LESSON_CONTENT) {
          problems.push({ path: file, message: `không được dài quá ${MAX_LESSON_CONTENT} ký tự` });
        } else {
          for (const attachment of linkedAttachments(file, content)) {
            if (!files.has(attachment)) {
              problems.push({ path: file, message: `liên kết tới tệp đính kèm không có trong gói: ${attachment}` });
            } else if (!links.has(attachment)) links.set(attachment, i);
          }
        }
      }
    }
    if (title !== null && content !== null) {
      lessons.push({
        title,
        periods: periods as number,
        mandatory: entry.mandatory === undefined ? true : (entry.mandatory as boolean),
        objectives: Array.isArray(objectives) ? objectives.map((o) => String(o).trim().normalize('NFC')) : [],
        content: content.normalize('NFC'),
      });
    }
  });
  return { lessons, links };
}

async function readAttachments(
  files: Map<string, Buffer>,
  links: Map<string, number>,
  problems: PackageProblem[],
): Promise<PackageAttachment[]> {
  const attachments: PackageAttachment[] = [];
  for (const [path, content] of files) {
    if (!path.startsWith('attachments/')) continue;
    const lesson = links.get(path);
    if (lesson === undefined) {
      problems.push({ path, message: 'không bài học nào liên kết tới tệp đính kèm này' });
      continue;
    }
    const type = await sniffAttachmentType(content);
    if (!type) {
      problems.push({ path, message: `kiểu tệp không được hỗ trợ (nhận ${SUPPORTED}, xét theo nội dung tệp)` });
      continue;
    }
    attachments.push({ path, content, type, lesson });
  }
  return attachments;
}

function readQuestions(
  manifest: Record<string, unknown>,
  files: Map<string, Buffer>,
  lessonCount: number,
  problems: PackageProblem[],
): QuestionDraft[] {
  if (manifest.questions === undefined || manifest.questions === null) return [];
  const file = text(manifest, 'questions', 'questions', problems);
  if (file === null) return [];
  if (!files.has(file)) {
    problems.push({ path: 'questions', message: `gói không có tệp ${file}` });
    return [];
  }
  const parsed = parseQuestionBank('json', files.get(file)!);
  if (!parsed.ok) {
    for (const error of parsed.errors) {
      problems.push({
        path: file,
        line: error.line,
        message: error.path ? `${error.path}: ${error.message}` : error.message,
      });
    }
    return [];
  }
  for (const { line, draft } of parsed.questions) {
    if (draft.lessonId !== undefined) {
      problems.push({ path: file, line, message: 'lessonId: trong gói, hãy dùng "lesson" (số thứ tự bài học, từ 0)' });
    } else if (draft.lesson !== undefined && draft.lesson >= lessonCount) {
      problems.push({ path: file, line, message: `lesson: gói chỉ có ${lessonCount} bài học (đánh số từ 0)` });
    }
  }
  return parsed.questions.map((q) => q.draft);
}

/** Reads and validates a package's files; nothing in it is trusted until every check passed. */
export async function readCoursePackage(unpacked: Map<string, Buffer>): Promise<PackageRead> {
  const problems: PackageProblem[] = [];
  const files = unwrapFolder(unpacked);
  const manifest = readManifest(files, problems);
  if (!manifest) return { ok: false, problems };
  for (const key of Object.keys(manifest).filter((k) => !MANIFEST_FIELDS.includes(k))) {
    problems.push({ path: key, message: 'trường này không được phép' });
  }
  const programCode = text(manifest, 'programCode', 'programCode', problems, { max: 32 });
  const title = text(manifest, 'title', 'title', problems);
  const version = text(manifest, 'version', 'version', problems, { max: 40 });
  if (version !== null && !COURSE_VERSION.test(version)) {
    problems.push({ path: 'version', message: COURSE_VERSION_MESSAGE });
  }
  const description = text(manifest, 'description', 'description', problems, { required: false, max: 5000 });
  const completionRule = resolveCompletionRule(manifest.completionRule);
  const gradingScale = resolveGradingScale(manifest.gradingScale);
  problems.push(...completionRule.problems, ...gradingScale.problems);
  const { lessons, links } = readLessons(manifest, files, problems);
  const attachments = await readAttachments(files, links, problems);
  const questions = readQuestions(manifest, files, lessons.length, problems);
  if (problems.length > 0 || programCode === null || title === null || version === null) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    pkg: {
      programCode,
      title,
      version,
      description: description || null,
      completionRule: completionRule.value,
      gradingScale: gradingScale.value,
      lessons,
      attachments,
      questions,
    },
  };
}

/** `Lịch sử Đảng` → `lich-su-dang`: for file names. */
export function slugOf(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** `lessons/01-lich-su-dang.md`: position and the title without diacritics. */
export function lessonFileName(position: number, title: string): string {
  return `lessons/${String(position).padStart(2, '0')}-${slugOf(title) || 'bai-hoc'}.md`;
}

export interface ExportedCourse {
  programCode: string;
  title: string;
  version: string;
  description: string | null;
  completionRule: CompletionRule;
  gradingScale: GradingScale;
  lessons: (PackageLesson & { id: string; position: number })[];
  attachments: { path: string; content: Buffer }[];
  questions: (QuestionDraft & { lessonId?: string })[];
}

/** The files of a package for a course; reading them back gives the same course. */
export function coursePackageFiles(course: ExportedCourse): { path: string; content: Buffer }[] {
  const lessonIndex = new Map(course.lessons.map((lesson, i) => [lesson.id, i]));
  const lessonFiles = course.lessons.map((lesson) => lessonFileName(lesson.position, lesson.title));
  const manifest = {
    programCode: course.programCode,
    title: course.title,
    version: course.version,
    ...(course.description ? { description: course.description } : {}),
    completionRule: course.completionRule,
    gradingScale: course.gradingScale,
    lessons: course.lessons.map((lesson, i) => ({
      file: lessonFiles[i],
      title: lesson.title,
      periods: lesson.periods,
      mandatory: lesson.mandatory,
      objectives: lesson.objectives,
    })),
    ...(course.questions.length > 0 ? { questions: 'questions.json' } : {}),
  };
  const questions = course.questions.map(({ lessonId, lesson: _index, ...draft }) => ({
    ...(lessonId !== undefined && lessonIndex.has(lessonId) ? { lesson: lessonIndex.get(lessonId) } : {}),
    ...draft,
  }));
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  return [
    { path: 'course.json', content: json(manifest) },
    ...course.lessons.map((lesson, i) => ({ path: lessonFiles[i], content: Buffer.from(lesson.content, 'utf8') })),
    ...course.attachments,
    ...(course.questions.length > 0 ? [{ path: 'questions.json', content: json(questions) }] : []),
  ];
}
