import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { EntityManager } from 'typeorm';
import { Course, COURSE_STATUSES, CourseStatus } from '../modules/curricula/entities/course.entity';
import { Program, PROGRAM_KINDS, ProgramKind } from '../modules/curricula/entities/program.entity';
import { createCourseFromPackage } from '../modules/curricula/package/course-from-package';
import { CoursePackage, readCoursePackage } from '../modules/curricula/package/course-package';
import { FileStorage } from '../storage/storage';

/**
 * The reference programmes are course packages in the format instructors upload, one folder per
 * version (`<code>/<version>/course.json`, `lessons/*.md`, `questions.json`), listed with their
 * versions, oldest first, in `programs.json`.
 */
export interface ReferenceProgram {
  code: string;
  name: string;
  kind: ProgramKind;
  description: string;
  versions: { version: string; status: CourseStatus; pkg: CoursePackage }[];
}

/**
 * `curricula/reference` from the project root, which is the working directory of `npm start`, the
 * tests and the image (WORKDIR /app); the folder is data, not compiled into dist/.
 */
export function referenceCurriculaDir(): string {
  return resolve(process.cwd(), 'curricula', 'reference');
}

/** The files of a package folder by their path inside it, as an unzipped upload gives them. */
export async function readPackageFolder(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path).split(sep).join('/'), await readFile(path));
  }
  return files;
}

interface ListedProgram {
  code: string;
  name: string;
  kind: ProgramKind;
  description: string;
  versions: { version: string; status: CourseStatus }[];
}

/**
 * Reads the listing and every package it names through the upload validator. Throws, naming every
 * problem, when a package is invalid, disagrees with its folder, or a folder is not listed.
 */
export async function loadReferenceCurricula(root = referenceCurriculaDir()): Promise<ReferenceProgram[]> {
  const listed: ListedProgram[] = JSON.parse(await readFile(join(root, 'programs.json'), 'utf8'));
  const problems: string[] = [];
  const programs: ReferenceProgram[] = [];
  for (const program of listed) {
    if (!PROGRAM_KINDS.includes(program.kind)) problems.push(`programs.json: ${program.code}: kind "${program.kind}"`);
    const versions: ReferenceProgram['versions'] = [];
    for (const { version, status } of program.versions) {
      const at = `${program.code}/${version}`;
      if (!COURSE_STATUSES.includes(status)) problems.push(`programs.json: ${at}: status "${status}"`);
      const read = await readCoursePackage(await readPackageFolder(join(root, program.code, version)));
      if (!read.ok) {
        problems.push(...read.problems.map((p) => `${at}/${p.path}${p.line ? `:${p.line}` : ''}: ${p.message}`));
      } else if (read.pkg.programCode !== program.code || read.pkg.version !== version) {
        problems.push(`${at}/course.json: names ${read.pkg.programCode}/${read.pkg.version}`);
      } else {
        versions.push({ version, status, pkg: read.pkg });
      }
    }
    programs.push({ ...program, versions });
  }
  const listedFolders = new Set(listed.flatMap((p) => p.versions.map((v) => `${p.code}/${v.version}`)));
  for (const code of await readdir(root, { withFileTypes: true })) {
    if (!code.isDirectory()) continue;
    for (const version of await readdir(join(root, code.name))) {
      if (!listedFolders.has(`${code.name}/${version}`)) problems.push(`${code.name}/${version}: not in programs.json`);
    }
  }
  if (problems.length > 0) throw new Error(`Reference curricula in ${root}:\n${problems.join('\n')}`);
  return programs;
}

/**
 * The reference programmes with their versions, owned by the academy and created by the system
 * through the same function as `POST /courses/import`. Idempotent: a programme or version that
 * exists (by code, by version) is left as the academy's staff keep it.
 */
export async function seedReferenceCurricula(
  em: EntityManager,
  storage: FileStorage,
  academyId: string,
): Promise<number> {
  let created = 0;
  for (const reference of await loadReferenceCurricula()) {
    let program = await em
      .getRepository(Program)
      .createQueryBuilder('p')
      .where('lower(p.code) = lower(:code)', { code: reference.code })
      .getOne();
    if (!program) {
      program = await em.save(Program, {
        code: reference.code,
        name: reference.name,
        kind: reference.kind,
        description: reference.description,
        orgUnitId: academyId,
      });
      created++;
    }
    let previousVersionId: string | null = null;
    for (const { version, status, pkg } of reference.versions) {
      const existing = await em.findOneBy(Course, { programId: program.id, orgUnitId: academyId, version });
      previousVersionId =
        existing?.id ??
        (await createCourseFromPackage(em, storage, pkg, {
          programId: program.id,
          orgUnitId: academyId,
          createdByUserId: null,
          status,
          previousVersionId,
        }));
      if (!existing) created++;
    }
  }
  return created;
}
