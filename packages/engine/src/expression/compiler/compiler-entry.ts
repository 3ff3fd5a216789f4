// What the expression library loads with JSONata, on first use: the compiler and JSONata's own parts it reuses.
export { loadJsonataParts } from './jsonata-functions.js';
export { compileProgram } from './program.js';
export { UnsupportedConstruct } from './unsupported.error.js';
