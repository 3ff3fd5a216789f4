import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FlowloomError } from '../../../errors/flowloom.error.js';
import type { FilesOptions } from '../host.js';
import { FilePathError } from './file-path.error.js';
import { compileGlob, hasMagic, unescapeSegment } from './glob.js';

const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_VISITED = 100_000;
// Not every platform has it (Windows): there the check of the real path before opening is what guards.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

const isNotFound = (error: unknown) => (error as { code?: string }).code === 'ENOENT' || (error as { code?: string }).code === 'ENOTDIR';

/** Whether `path` is `root` or inside it (both absolute and normalized). */
function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** A file found for reading: its path relative to the root (with `/`) and its real path. */
export interface FoundFile {
  path: string;
  real: string;
}

/**
 * The folder the Read/Write Files node is confined to. Every path is
 * resolved against it, lexically first (`..`, absolute paths elsewhere),
 * then through the file system: the real path of what is read, and of the
 * folder written into, must be inside the root's real path, so a symbolic
 * link cannot lead out. Files are opened without following a link in the
 * last step, so a link swapped in after the check is not followed either.
 */
export class FilesRoot {
  private constructor(
    /** The root as the host wrote it, resolved. */
    readonly given: string,
    /** Its real path (links resolved). */
    readonly real: string,
    readonly maxFileBytes: number,
  ) {}

  /** Checks the host's root: it must be an existing folder. */
  static async open(options: FilesOptions): Promise<FilesRoot> {
    const given = resolve(options.root);
    let real: string;
    try {
      real = await realpath(given);
    } catch (error) {
      throw new FlowloomError('FILES_ROOT_INVALID', `The files root '${options.root}' cannot be used: ${(error as Error).message}.`);
    }
    if (!(await stat(real)).isDirectory())
      throw new FlowloomError('FILES_ROOT_INVALID', `The files root '${options.root}' is not a folder.`);
    return new FilesRoot(given, real, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  }

  /** A path made absolute inside the root's real path, without touching the disk; refuses one that leads out. */
  #lexical(path: string): string {
    if (path.includes('\0')) throw new FilePathError('PATH_INVALID', `'${path}' holds a NUL character`);
    const absolute = isAbsolute(path) ? resolve(path) : resolve(this.real, path);
    if (inside(this.real, absolute)) return absolute;
    // An absolute path written with the root as the host spelled it (a linked folder such as /tmp on macOS).
    if (inside(this.given, absolute)) return join(this.real, relative(this.given, absolute));
    throw new FilePathError('PATH_OUTSIDE_ROOT', `'${path}' is outside the files root`);
  }

  /** The path relative to the root, with `/` separators, as items show it. */
  relative(absolute: string): string {
    return relative(this.real, absolute).split(sep).join('/');
  }

  /** The real path of an existing path, refused when a link leads it out of the root. */
  async #realInside(path: string, absolute: string): Promise<string> {
    const real = await realpath(absolute);
    if (!inside(this.real, real))
      throw new FilePathError('PATH_OUTSIDE_ROOT', `'${path}' leads outside the files root through a symbolic link`);
    return real;
  }

  /**
   * The real path of a link a pattern matched when it leads to a file (a
   * dangling link, or one to a folder, is passed over); refused when that
   * file is outside the root.
   */
  async #linkedFile(path: string, absolute: string): Promise<string | undefined> {
    let real: string;
    try {
      real = await realpath(absolute);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    if (!(await stat(real)).isFile()) return undefined;
    if (!inside(this.real, real))
      throw new FilePathError('PATH_OUTSIDE_ROOT', `'${path}' leads outside the files root through a symbolic link`);
    return real;
  }

  /** One file to read, by its path (no pattern). */
  async file(path: string): Promise<FoundFile> {
    const absolute = this.#lexical(path);
    let real: string;
    try {
      real = await this.#realInside(path, absolute);
    } catch (error) {
      if (isNotFound(error)) throw new FilePathError('FILE_NOT_FOUND', `'${path}' does not exist`);
      throw error;
    }
    if (!(await stat(real)).isFile()) throw new FilePathError('NOT_A_FILE', `'${path}' is not a file`);
    return { path: this.relative(absolute), real };
  }

  /**
   * The files a pattern matches (see `glob.ts`), sorted by path; a pattern
   * without wildcards names one file, which must exist. Links to folders are
   * not walked into; a matching link to a file outside the root is refused.
   */
  async glob(pattern: string): Promise<FoundFile[]> {
    const segments = pattern.split('/');
    const firstMagic = segments.findIndex(hasMagic);
    if (firstMagic === -1) return [await this.file(unescapeSegment(pattern))];
    const prefix = segments.slice(0, firstMagic).map(unescapeSegment).join('/');
    const base = this.#lexical(prefix === '' ? (isAbsolute(pattern) ? '/' : '.') : prefix);
    const matcher = compileGlob(segments.slice(firstMagic).join('/'));
    let realBase: string;
    try {
      realBase = await this.#realInside(prefix || '.', base);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    const found: FoundFile[] = [];
    let visited = 0;
    const walk = async (folder: string, rel: string, depth: number): Promise<void> => {
      let entries;
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch (error) {
        if (isNotFound(error)) return;
        throw error;
      }
      for (const entry of entries) {
        if (++visited > MAX_VISITED) {
          throw new FilePathError('PATH_INVALID', `'${pattern}' walks more than ${MAX_VISITED} files and folders; narrow it`);
        }
        const entryRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
        const absolute = join(folder, entry.name);
        if (entry.isDirectory()) {
          if (depth < matcher.maxDepth) await walk(absolute, entryRel, depth + 1);
        } else if (matcher.matches(entryRel)) {
          const real = entry.isSymbolicLink()
            ? await this.#linkedFile(prefix === '' ? entryRel : `${prefix}/${entryRel}`, absolute)
            : absolute;
          if (real !== undefined && (entry.isFile() || entry.isSymbolicLink())) {
            found.push({ path: this.relative(join(base, ...entryRel.split('/'))), real });
          }
        }
      }
    };
    await walk(realBase, '', 0);
    return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Reads a found file (not following a link in the last step), up to the size limit. */
  async read(file: FoundFile): Promise<Uint8Array> {
    let handle: FileHandle;
    try {
      handle = await open(file.real, constants.O_RDONLY | NO_FOLLOW);
    } catch (error) {
      if ((error as { code?: string }).code === 'ELOOP') {
        throw new FilePathError('PATH_OUTSIDE_ROOT', `'${file.path}' became a symbolic link while it was read`);
      }
      throw error;
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new FilePathError('NOT_A_FILE', `'${file.path}' is not a file`);
      if (info.size > this.maxFileBytes) {
        throw new FilePathError(
          'FILE_TOO_LARGE',
          `'${file.path}' has ${info.size} bytes, more than the ${this.maxFileBytes} the host allows`,
        );
      }
      return new Uint8Array(await handle.readFile());
    } finally {
      await handle.close();
    }
  }

  /**
   * Writes bytes to a path, making its missing folders; refuses a path that
   * leads out of the root, and writing through a symbolic link. Returns the
   * path relative to the root.
   */
  async write(path: string, bytes: Uint8Array, append: boolean): Promise<string> {
    const absolute = this.#lexical(path);
    if (absolute === this.real) throw new FilePathError('NOT_A_FILE', `'${path}' is the files root itself, not a file`);
    const folder = dirname(absolute);
    // The deepest folder that exists must really be inside the root before anything is made below it.
    let existing = folder;
    while (
      !(await lstat(existing).then(
        () => true,
        (error: unknown) => {
          if (isNotFound(error)) return false;
          throw error;
        },
      ))
    )
      existing = dirname(existing);
    await this.#realInside(path, existing);
    await mkdir(folder, { recursive: true });
    const target = join(await this.#realInside(path, folder), basename(absolute));
    let handle: FileHandle;
    try {
      handle = await open(
        target,
        constants.O_WRONLY | constants.O_CREAT | (append ? constants.O_APPEND : constants.O_TRUNC) | NO_FOLLOW,
        0o666,
      );
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ELOOP') throw new FilePathError('PATH_OUTSIDE_ROOT', `'${path}' is a symbolic link; writing through links is refused`);
      if (code === 'EISDIR') throw new FilePathError('NOT_A_FILE', `'${path}' is a folder`);
      throw error;
    }
    try {
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
    return this.relative(absolute);
  }
}
