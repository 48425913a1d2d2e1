import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readCoursePackage } from '../modules/curricula/package/course-package';
import { loadReferenceCurricula, readPackageFolder, referenceCurriculaDir } from './seed-curricula';

const root = referenceCurriculaDir();

async function packageFolders(): Promise<string[]> {
  const folders: string[] = [];
  for (const code of await readdir(root, { withFileTypes: true })) {
    if (!code.isDirectory()) continue;
    for (const version of await readdir(join(root, code.name))) folders.push(`${code.name}/${version}`);
  }
  return folders.sort();
}

describe('reference curricula packages', () => {
  it('reads every package folder through the upload validator with no problems', async () => {
    const folders = await packageFolders();
    expect(folders.length).toBeGreaterThan(0);
    for (const folder of folders) {
      const read = await readCoursePackage(await readPackageFolder(join(root, folder)));
      expect({ folder, problems: read.ok ? [] : read.problems }).toEqual({ folder, problems: [] });
    }
  });

  it('lists exactly the folders in programs.json, each package naming its own programme and version', async () => {
    const listed: { code: string; versions: { version: string }[] }[] = JSON.parse(
      await readFile(join(root, 'programs.json'), 'utf8'),
    );
    expect(listed.flatMap((p) => p.versions.map((v) => `${p.code}/${v.version}`)).sort()).toEqual(
      await packageFolders(),
    );
    const programs = await loadReferenceCurricula();
    for (const program of programs) {
      for (const { version, pkg } of program.versions) {
        expect({ programCode: pkg.programCode, version: pkg.version }).toEqual({ programCode: program.code, version });
      }
    }
  });

  it('has the domain programmes: both new-member versions and the 50-period party-awareness course', async () => {
    const programs = Object.fromEntries((await loadReferenceCurricula()).map((p) => [p.code, p]));
    const newMember = programs['LLCT-DVM'].versions;
    expect(newMember.map(({ version, status, pkg }) => [version, status, pkg.lessons.length])).toEqual([
      ['2013', 'archived', 9],
      ['2021', 'published', 10],
    ]);
    const [awareness] = programs.NTVD.versions;
    expect(awareness.status).toBe('published');
    expect(awareness.pkg.lessons.reduce((sum, lesson) => sum + lesson.periods, 0)).toBe(50);
    expect(awareness.pkg.questions.length).toBeGreaterThanOrEqual(30);
  });
});
