import { FlowloomError } from '../../../errors/flowloom.error.js';

/** A path was refused or could not be used; the node adds its name, the parameter and the item. */
export class FilePathError extends FlowloomError {
  static override readonly kind: string = 'FilePathError';

  constructor(code: 'PATH_OUTSIDE_ROOT' | 'FILE_NOT_FOUND' | 'NOT_A_FILE' | 'FILE_TOO_LARGE' | 'PATH_INVALID', message: string) {
    super(code, message);
    this.name = 'FilePathError';
  }
}
