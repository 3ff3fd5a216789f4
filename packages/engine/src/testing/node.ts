// `@flowloom/engine/testing/node`: test support that needs Node (real servers on 127.0.0.1).
export { startTestHttpServer, type SeenRequest, type TestHttpServer, type TestHttpServerOptions } from './test-http-server.node.js';
