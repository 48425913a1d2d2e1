import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The path of a command on PATH. Throws when it is absent, so that a render test fails rather than
 * passes without having looked.
 */
export function requireTool(name: string, debianPackage: string): string {
  const found = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find(executable);
  if (!found) throw new Error(`${name} is missing: apt-get install ${debianPackage}`);
  return found;
}

/** Debian's chromium, or the browser CHROMIUM_PATH names. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!isAbsolute(path) || !executable(path)) {
    throw new Error(`chromium is missing at ${path}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  return path;
}

/** test/render/output/<testName>, created when first asked for; git ignores it. */
export function outputDir(testName: string): string {
  const dir = join(__dirname, '..', 'output', testName);
  mkdirSync(dir, { recursive: true });
  return dir;
}
