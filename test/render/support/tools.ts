import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

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

/** Runs a poppler tool; without poppler-utils the spec fails saying how to get it, never passes. */
export function poppler(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is missing: apt-get install poppler-utils`);
    }
    throw error;
  }
}

/** The QR code on a page as pdftoppm draws it, decoded by jsQR as a phone camera would read it. */
export function qrOnPage(png: Buffer): string | undefined {
  const { data, width, height } = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width, height)?.data;
}
