import { FlowloomError } from '../../errors/flowloom.error.js';

/**
 * The compiler met a construct it does not translate; the expression runs
 * on the interpreter instead. The message names the construct.
 */
export class UnsupportedConstruct extends FlowloomError {
  static override readonly kind: string = 'UnsupportedConstruct';
  constructor(readonly reason: string) {
    super('EXPRESSION_NOT_COMPILED', `Not compiled: ${reason}.`);
    this.name = 'UnsupportedConstruct';
  }
}
