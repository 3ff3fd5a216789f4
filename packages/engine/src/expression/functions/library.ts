import { arrayFunctions } from './array-functions.js';
import { conversionFunctions } from './conversion-functions.js';
import { dateFunctions } from './date-functions.js';
import type { LibraryFunction } from './function-spec.js';
import { mathFunctions } from './math-functions.js';
import { objectFunctions } from './object-functions.js';
import { stringFunctions } from './string-functions.js';
import { utilityFunctions } from './utility-functions.js';

/** Every function Flowloom adds to JSONata, in documentation order. */
export const libraryFunctions: readonly LibraryFunction[] = [
  ...stringFunctions,
  ...conversionFunctions,
  ...arrayFunctions,
  ...objectFunctions,
  ...mathFunctions,
  ...dateFunctions,
  ...utilityFunctions,
];
