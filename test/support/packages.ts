import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { writeZip } from '../../src/common/zip';

export const EXAMPLE_PACKAGE_DIR = join(__dirname, '..', '..', 'examples', 'packages', 'chuyen-de-dia-phuong');

/** The files of a package directory, by path inside the package. */
export async function packageFiles(dir = EXAMPLE_PACKAGE_DIR): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const walk = async (at: string): Promise<void> => {
    for (const entry of await readdir(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name !== 'README.md') files.set(relative(dir, path).split(sep).join('/'), await readFile(path));
    }
  };
  await walk(dir);
  return files;
}

/** A zip of the files, after `change` edited them (to break one thing at a time). */
export async function zipPackage(
  files: Map<string, Buffer>,
  change: (files: Map<string, Buffer>) => void = () => undefined,
): Promise<Buffer> {
  const copy = new Map(files);
  change(copy);
  return writeZip([...copy].map(([path, content]) => ({ path, content })));
}

/** Edits the package's course.json. */
export function editManifest(files: Map<string, Buffer>, edit: (manifest: Record<string, unknown>) => void): void {
  const manifest = JSON.parse(files.get('course.json')!.toString('utf8'));
  edit(manifest);
  files.set('course.json', Buffer.from(JSON.stringify(manifest)));
}
